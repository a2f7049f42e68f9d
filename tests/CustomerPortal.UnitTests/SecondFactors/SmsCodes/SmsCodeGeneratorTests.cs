using CustomerPortal.Functions.SecondFactors.SmsCodes;

namespace CustomerPortal.UnitTests.SecondFactors.SmsCodes;

public sealed class SmsCodeGeneratorTests
{
    [Fact]
    public void New_IsSixAsciiDigits()
    {
        Assert.All(Enumerable.Range(0, 100).Select(_ => SmsCodeGenerator.New()), code => Assert.Matches("^[0-9]{6}$", code));
    }

    [Fact]
    public void New_ThousandCodes_AreNotAllTheSame()
    {
        // Weak by nature: it catches a constant or a broken generator, not subtle bias.
        var codes = Enumerable.Range(0, 1000).Select(_ => SmsCodeGenerator.New()).ToHashSet(StringComparer.Ordinal);

        Assert.True(codes.Count > 900, $"Only {codes.Count} distinct codes in 1000.");
    }
}
