using CustomerPortal.Functions.Security;

namespace CustomerPortal.UnitTests.Security;

public sealed class CodeHasherTests
{
    private const string Purpose = "sms-signin:account-1";

    [Fact]
    public void Verify_SameCodeAndPurpose_Succeeds()
    {
        var hasher = new CodeHasher(TestEncryption.SingleKey());
        var stored = hasher.Hash("042917", Purpose);

        Assert.True(hasher.Verify("042917", Purpose, stored));
    }

    [Fact]
    public void Verify_WrongCode_Fails()
    {
        var hasher = new CodeHasher(TestEncryption.SingleKey());
        var stored = hasher.Hash("042917", Purpose);

        Assert.False(hasher.Verify("042918", Purpose, stored));
    }

    [Fact]
    public void Verify_DifferentPurpose_Fails()
    {
        var hasher = new CodeHasher(TestEncryption.SingleKey());
        var stored = hasher.Hash("042917", "sms-signin:account-1");

        Assert.False(hasher.Verify("042917", "sms-signin:account-2", stored));
    }

    [Fact]
    public void Hash_Code_NamesTheActiveKeyAndHidesTheCode()
    {
        var hasher = new CodeHasher(TestEncryption.SingleKey("local1"));

        var stored = hasher.Hash("042917", Purpose);

        Assert.StartsWith("local1.", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("042917", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HashUnderDifferentKeys_Fails()
    {
        var stored = new CodeHasher(TestEncryption.SingleKey("local1")).Hash("042917", Purpose);
        var otherDeployment = new CodeHasher(TestEncryption.SingleKey("local1"));

        Assert.False(otherDeployment.Verify("042917", Purpose, stored));
    }

    [Fact]
    public void Verify_HashFromPreviousKey_SucceedsAfterRotation()
    {
        var oldKey = TestEncryption.NewKey();
        var stored = new CodeHasher(TestEncryption.Options("old", new Dictionary<string, string> { ["old"] = oldKey })).Hash("042917", Purpose);
        var rotated = new CodeHasher(TestEncryption.Options("new", new Dictionary<string, string>
        {
            ["old"] = oldKey,
            ["new"] = TestEncryption.NewKey(),
        }));

        Assert.True(rotated.Verify("042917", Purpose, stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("local1")]
    [InlineData("local1.not-base64!")]
    [InlineData("unknown.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Verify_MalformedStoredHash_Fails(string stored)
    {
        var hasher = new CodeHasher(TestEncryption.SingleKey("local1"));

        Assert.False(hasher.Verify("042917", Purpose, stored));
    }
}
