using Ipc.Generators.Validation;

namespace Ipc.Generators.Tests;

/// <summary>The kebab-case rule that turns member names into channel names.</summary>
public sealed class ChannelNamingTests
{
    [Theory]
    [InlineData("AsynchronousMessage", "asynchronous-message")]
    [InlineData("Ping", "ping")]
    [InlineData("ping", "ping")]
    [InlineData("GetHTTPResponse2", "get-http-response2")]
    [InlineData("GetHTTPResponse", "get-http-response")]
    [InlineData("IOStream", "io-stream")]
    [InlineData("ParseURL", "parse-url")]
    [InlineData("Md5Hash", "md5-hash")]
    [InlineData("Utf8", "utf8")]
    [InlineData("Get2Items", "get2-items")]
    [InlineData("Save_As", "save-as")]
    [InlineData("_Leading__Double_", "leading-double")]
    [InlineData("camelCase", "camel-case")]
    [InlineData("ABC", "abc")]
    public void MemberNamesBecomeKebabCase(string memberName, string channel) =>
        Assert.Equal(channel, ChannelNaming.ToKebabCase(memberName));
}
