using CustomerPortal.Functions.SecondFactors;

namespace CustomerPortal.UnitTests.SecondFactors;

public sealed class RecoveryCodesTests
{
    [Fact]
    public void Generate_GivesTenDistinctCodesOfTenUnambiguousCharacters()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code =>
        {
            Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$", code);
            Assert.Equal(10, RecoveryCodes.Normalize(code).Length);
        });
    }

    [Fact]
    public void Matches_CodeTypedInLowerCaseWithSpaces_Succeeds()
    {
        var code = RecoveryCodes.Generate()[0];
        var stored = RecoveryCodes.Hash(RecoveryCodes.Normalize(code));
        var typed = $" {code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)} ";

        Assert.True(RecoveryCodes.Matches(RecoveryCodes.Normalize(typed), stored));
    }

    [Fact]
    public void Matches_WrongCode_Fails()
    {
        var stored = RecoveryCodes.Hash("ABCDEFGHJK");

        Assert.False(RecoveryCodes.Matches("ABCDEFGHJM", stored));
    }

    [Fact]
    public void Hash_SameCodeTwice_IsSaltedDifferently()
    {
        var first = RecoveryCodes.Hash("ABCDEFGHJK");
        var second = RecoveryCodes.Hash("ABCDEFGHJK");

        Assert.NotEqual(first, second);
        Assert.True(RecoveryCodes.Matches("ABCDEFGHJK", first));
        Assert.True(RecoveryCodes.Matches("ABCDEFGHJK", second));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("!!!.!!!")]
    public void Matches_MalformedStoredHash_Fails(string stored)
    {
        Assert.False(RecoveryCodes.Matches("ABCDEFGHJK", stored));
    }
}
