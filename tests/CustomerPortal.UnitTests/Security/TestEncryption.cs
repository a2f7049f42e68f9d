using System.Security.Cryptography;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.Security;

/// <summary>Encryption options with fresh random keys, for tests.</summary>
internal static class TestEncryption
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static IOptions<EncryptionOptions> Options(string activeKeyId, IReadOnlyDictionary<string, string> keys) =>
        Microsoft.Extensions.Options.Options.Create(new EncryptionOptions
        {
            ActiveKeyId = activeKeyId,
            Keys = new Dictionary<string, string>(keys, StringComparer.Ordinal),
        });

    public static IOptions<EncryptionOptions> SingleKey(string keyId = "local1") =>
        Options(keyId, new Dictionary<string, string> { [keyId] = NewKey() });
}
