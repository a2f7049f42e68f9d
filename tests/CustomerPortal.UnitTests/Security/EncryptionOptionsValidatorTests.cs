using System.Security.Cryptography;
using CustomerPortal.Functions.Security;

namespace CustomerPortal.UnitTests.Security;

public sealed class EncryptionOptionsValidatorTests
{
    private readonly EncryptionOptionsValidator _validator = new();

    [Fact]
    public void Validate_ActiveKeyOf32Bytes_Succeeds()
    {
        var options = TestEncryption.SingleKey("local1").Value;

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_KeyOf16Bytes_Fails()
    {
        var options = new EncryptionOptions
        {
            ActiveKeyId = "local1",
            Keys = { ["local1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) },
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Encryption:Keys:local1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("missing")]
    public void Validate_ActiveKeyIdNotAmongKeys_Fails(string activeKeyId)
    {
        var options = new EncryptionOptions { ActiveKeyId = activeKeyId, Keys = { ["local1"] = TestEncryption.NewKey() } };

        Assert.True(_validator.Validate(null, options).Failed);
    }

    [Fact]
    public void Validate_KeyIdWithDot_Fails()
    {
        var options = new EncryptionOptions { ActiveKeyId = "a.b", Keys = { ["a.b"] = TestEncryption.NewKey() } };

        Assert.True(_validator.Validate(null, options).Failed);
    }
}
