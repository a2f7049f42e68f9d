using System.Buffers.Text;
using System.Security.Cryptography;
using CustomerPortal.Functions.Security;

namespace CustomerPortal.UnitTests.Security;

public sealed class SecretProtectorTests
{
    private const string Purpose = "totp-secret:account-1";

    [Fact]
    public void Unprotect_ProtectedValue_ReturnsThePlaintext()
    {
        var protector = new SecretProtector(TestEncryption.SingleKey());

        var protectedValue = protector.Protect("JBSWY3DPEHPK3PXP", Purpose);

        Assert.Equal("JBSWY3DPEHPK3PXP", protector.Unprotect(protectedValue, Purpose));
    }

    [Fact]
    public void Protect_Plaintext_IsNotVisibleAndNamesTheActiveKey()
    {
        var protector = new SecretProtector(TestEncryption.SingleKey("local1"));

        var protectedValue = protector.Protect("+12015550123", Purpose);

        Assert.StartsWith("v1.local1.", protectedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("2015550123", protectedValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Protect_SamePlaintextTwice_GivesDifferentValues()
    {
        var protector = new SecretProtector(TestEncryption.SingleKey());

        var first = protector.Protect("same", Purpose);
        var second = protector.Protect("same", Purpose);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Unprotect_TamperedValue_Throws()
    {
        var protector = new SecretProtector(TestEncryption.SingleKey());
        var parts = protector.Protect("secret", Purpose).Split('.');
        var payload = Base64Url.DecodeFromChars(parts[2]);
        payload[12] ^= 0x01; // first ciphertext byte, right after the 12-byte nonce
        var tampered = $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(payload)}";

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered, Purpose));
    }

    [Fact]
    public void Unprotect_ValueMadeForAnotherPurpose_Throws()
    {
        var protector = new SecretProtector(TestEncryption.SingleKey());
        var protectedValue = protector.Protect("secret", "totp-secret:account-1");

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(protectedValue, "totp-secret:account-2"));
    }

    [Fact]
    public void Unprotect_ValueFromPreviousKey_StillDecryptsAfterRotation()
    {
        var oldKey = TestEncryption.NewKey();
        var before = new SecretProtector(TestEncryption.Options("old", new Dictionary<string, string> { ["old"] = oldKey }));
        var protectedValue = before.Protect("secret", Purpose);
        var after = new SecretProtector(TestEncryption.Options("new", new Dictionary<string, string>
        {
            ["old"] = oldKey,
            ["new"] = TestEncryption.NewKey(),
        }));

        var plaintext = after.Unprotect(protectedValue, Purpose);

        Assert.Equal("secret", plaintext);
        Assert.StartsWith("v1.new.", after.Protect("secret", Purpose), StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_ValueFromKeyNoLongerConfigured_Throws()
    {
        var protectedValue = new SecretProtector(TestEncryption.SingleKey("retired")).Protect("secret", Purpose);
        var protector = new SecretProtector(TestEncryption.SingleKey("current"));

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(protectedValue, Purpose));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a protected value")]
    [InlineData("v1.local1.")]
    [InlineData("v1.local1.!!!")]
    [InlineData("v2.local1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Unprotect_MalformedValue_ThrowsCryptographicException(string value)
    {
        var protector = new SecretProtector(TestEncryption.SingleKey("local1"));

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(value, Purpose));
    }

    [Fact]
    public void UnprotectBytes_ProtectedBytes_ReturnsTheBytes()
    {
        var protector = new SecretProtector(TestEncryption.SingleKey());
        var key = RandomNumberGenerator.GetBytes(20);

        var roundTripped = protector.UnprotectBytes(protector.ProtectBytes(key, Purpose), Purpose);

        Assert.Equal(key, roundTripped);
    }
}
