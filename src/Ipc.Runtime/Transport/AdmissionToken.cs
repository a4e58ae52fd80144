using System.Security.Cryptography;
using System.Text;

namespace Ipc.Transport;

/// <summary>
/// A secret a renderer presents in its Hello: 32 random bytes as 64 hex characters. Tokens are looked up by the
/// SHA-256 of what was presented (<see cref="Key"/>), so the lookup's timing says nothing about a token's characters.
/// </summary>
internal sealed class AdmissionToken
{
    private AdmissionToken(string value)
    {
        Value = value;
        Key = KeyOf(value);
    }

    /// <summary>The secret itself, as passed to the renderer.</summary>
    public string Value { get; }

    /// <summary>The hex SHA-256 of <see cref="Value"/>.</summary>
    public string Key { get; }

    public static AdmissionToken New() => new(RandomNumberGenerator.GetHexString(64, lowercase: true));

    public static string KeyOf(string presented) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>Compares in constant time.</summary>
    public bool Matches(string presented) => SameSecret(presented, Value);

    /// <summary>Whether two secrets are equal, compared in constant time.</summary>
    public static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
