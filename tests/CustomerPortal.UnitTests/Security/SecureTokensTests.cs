using System.Buffers.Text;
using CustomerPortal.Functions.Security;

namespace CustomerPortal.UnitTests.Security;

public sealed class SecureTokensTests
{
    [Fact]
    public void NewToken_Is32RandomBytesInBase64Url()
    {
        var token = SecureTokens.NewToken();

        Assert.Equal(43, token.Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(token).Length);
        Assert.DoesNotContain('=', token);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }

    [Fact]
    public void NewToken_CalledTwice_GivesDifferentTokens()
    {
        Assert.NotEqual(SecureTokens.NewToken(), SecureTokens.NewToken());
    }

    [Fact]
    public void Hash_SameToken_GivesSameHashThatIsNotTheToken()
    {
        var token = SecureTokens.NewToken();

        var hash = SecureTokens.Hash(token);

        Assert.Equal(hash, SecureTokens.Hash(token));
        Assert.NotEqual(token, hash);
        Assert.NotEqual(hash, SecureTokens.Hash(SecureTokens.NewToken()));
    }

    [Fact]
    public void Hash_KnownInput_IsBase64UrlSha256()
    {
        // SHA-256("abc") from FIPS 180-2, Appendix B.1.
        Assert.Equal("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", SecureTokens.Hash("abc"));
    }
}
