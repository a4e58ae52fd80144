using System.Text.Json;
using Ipc.Generators.Emitting.TypeScript;
using Ipc.Generators.Model;

namespace Ipc.Generators.Tests.TypeScript;

/// <summary>The client modules name properties exactly as System.Text.Json's own policies do.</summary>
public sealed class JsonPropertyNamingTests
{
    public static readonly TheoryData<string> Names =
    [
        "Name", "name", "FullName", "URLValue", "ID", "Id", "IPAddress", "GetHTTPResponse2", "SHA512Hash", "Md5Hash", "Isbn13",
        "ABC", "A", "_private", "Save_As", "XMLHttpRequest", "already_snake", "Kebab-Like", "With Space", "Über", "ÄBC", "X1Y2", "",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryPolicyMatchesSystemTextJson(string name)
    {
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), JsonPropertyNaming.Convert(name, PropertyNamingPolicy.CamelCase));
        Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), JsonPropertyNaming.Convert(name, PropertyNamingPolicy.SnakeCaseLower));
        Assert.Equal(JsonNamingPolicy.SnakeCaseUpper.ConvertName(name), JsonPropertyNaming.Convert(name, PropertyNamingPolicy.SnakeCaseUpper));
        Assert.Equal(JsonNamingPolicy.KebabCaseLower.ConvertName(name), JsonPropertyNaming.Convert(name, PropertyNamingPolicy.KebabCaseLower));
        Assert.Equal(JsonNamingPolicy.KebabCaseUpper.ConvertName(name), JsonPropertyNaming.Convert(name, PropertyNamingPolicy.KebabCaseUpper));
        Assert.Equal(name, JsonPropertyNaming.Convert(name, PropertyNamingPolicy.AsWritten));
    }
}
