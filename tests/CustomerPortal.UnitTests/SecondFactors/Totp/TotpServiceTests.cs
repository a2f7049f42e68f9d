using System.Text;
using CustomerPortal.Functions.SecondFactors.Totp;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace CustomerPortal.UnitTests.SecondFactors.Totp;

public sealed class TotpServiceTests
{
    // An ordinary moment, well inside a 30-second step: 2025-03-01T12:00:10Z.
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 10, TimeSpan.Zero);

    private static readonly byte[] Key = Encoding.ASCII.GetBytes("12345678901234567890");

    private readonly FakeTimeProvider _time = new(Now);
    private readonly TotpService _service;

    public TotpServiceTests()
    {
        _service = new TotpService(Options.Create(new TotpOptions()), _time);
    }

    /// <summary>RFC 6238 Appendix B, SHA-1 rows: the 8-digit code for the ASCII key "12345678901234567890" at each time.</summary>
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void ComputeCode_Rfc6238AppendixBSha1Vectors_Match(long unixSeconds, string expected)
    {
        Assert.Equal(expected, TotpService.ComputeCode(Key, unixSeconds / TotpService.StepSeconds, digits: 8));
    }

    /// <summary>RFC 6238 Appendix B, SHA-1 rows, through <see cref="TotpService.Verify"/>: the last six digits are the 6-digit code at that time.</summary>
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Verify_Rfc6238AppendixBSha1Vectors_AreAcceptedAtTheirTime(long unixSeconds, string expected)
    {
        var service = ServiceAt(unixSeconds);

        var result = service.Verify(Key, expected[^6..], lastAcceptedStep: -1);

        Assert.Equal(new TotpResult(true, unixSeconds / 30), result);
    }

    [Fact]
    public void Verify_CodeOfTheCurrentStep_IsAccepted()
    {
        var step = _service.CurrentStep();

        var result = _service.Verify(Key, TotpService.ComputeCode(Key, step), lastAcceptedStep: -1);

        Assert.Equal(new TotpResult(true, step), result);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Verify_CodeOneStepAway_IsAccepted(int offset)
    {
        var step = _service.CurrentStep() + offset;

        var result = _service.Verify(Key, TotpService.ComputeCode(Key, step), lastAcceptedStep: -1);

        Assert.Equal(new TotpResult(true, step), result);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void Verify_CodeTwoStepsAway_IsRejected(int offset)
    {
        var code = TotpService.ComputeCode(Key, _service.CurrentStep() + offset);

        Assert.False(_service.Verify(Key, code, lastAcceptedStep: -1).Accepted);
    }

    [Fact]
    public void Verify_ReusedTotpCode_IsRejected()
    {
        var code = TotpService.ComputeCode(Key, _service.CurrentStep());
        var first = _service.Verify(Key, code, lastAcceptedStep: -1);

        _time.Advance(TimeSpan.FromSeconds(5));
        var second = _service.Verify(Key, code, first.MatchedStep);

        Assert.True(first.Accepted);
        Assert.Equal(TotpResult.Rejected, second);
    }

    [Fact]
    public void Verify_CodeOfAStepBeforeTheLastAccepted_IsRejected()
    {
        var current = _service.CurrentStep();
        var accepted = _service.Verify(Key, TotpService.ComputeCode(Key, current), lastAcceptedStep: -1);

        var older = _service.Verify(Key, TotpService.ComputeCode(Key, current - 1), accepted.MatchedStep);

        Assert.True(accepted.Accepted);
        Assert.False(older.Accepted);
    }

    [Fact]
    public void Verify_CodeOfTheNextStepAfterAnAcceptedOne_IsAccepted()
    {
        var current = _service.CurrentStep();

        var next = _service.Verify(Key, TotpService.ComputeCode(Key, current + 1), lastAcceptedStep: current);

        Assert.Equal(new TotpResult(true, current + 1), next);
    }

    [Theory]
    [InlineData("drop-last")]
    [InlineData("add-digit")]
    [InlineData("letter")]
    [InlineData("spaced")]
    [InlineData("arabic-indic")]
    public void Verify_CodeThatIsNotExactlySixAsciiDigits_IsRejected(string change)
    {
        var code = TotpService.ComputeCode(Key, _service.CurrentStep());
        var typed = change switch
        {
            "drop-last" => code[..5],
            "add-digit" => code + "0",
            "letter" => "a" + code[1..],
            "spaced" => $"{code[..3]} {code[3..]}",
            _ => new string(code.Select(c => (char)('\u0660' + (c - '0'))).ToArray()),
        };

        Assert.Equal(TotpResult.Rejected, _service.Verify(Key, typed, lastAcceptedStep: -1));
    }

    [Fact]
    public void Verify_AfterTimeMovesOnTwoSteps_PreviousCodeIsRejected()
    {
        var code = TotpService.ComputeCode(Key, _service.CurrentStep());

        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.False(_service.Verify(Key, code, lastAcceptedStep: -1).Accepted);
    }

    [Fact]
    public void CurrentStep_IsUnixSecondsOverThirty()
    {
        var service = ServiceAt(1111111109);

        Assert.Equal(37037036L, service.CurrentStep());
    }

    [Fact]
    public void NewSecret_Is160RandomBitsInUnpaddedBase32GroupedByFour()
    {
        var secret = _service.NewSecret();

        Assert.Equal(20, Base32Encoding.ToBytes(secret.Base32).Length);
        Assert.Equal(32, secret.Base32.Length);
        Assert.DoesNotContain('=', secret.Base32);
        Assert.All(secret.GroupedBase32.Split(' '), group => Assert.Equal(4, group.Length));
        Assert.Equal(secret.Base32, secret.GroupedBase32.Replace(" ", "", StringComparison.Ordinal));
        Assert.NotEqual(secret.Base32, _service.NewSecret().Base32);
    }

    [Fact]
    public void OtpAuthUri_EscapesTheLabelAndNamesEveryParameter()
    {
        var uri = _service.OtpAuthUri("JBSWY3DPEHPK3PXP", "jane+claims@example.com");

        Assert.Equal(
            "otpauth://totp/Customer%20Portal:jane%2Bclaims%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Customer%20Portal&algorithm=SHA1&digits=6&period=30",
            uri);
    }

    [Fact]
    public void QrSvg_DecodesToTheOtpAuthUri()
    {
        var secret = _service.NewSecret();
        var uri = _service.OtpAuthUri(secret.Base32, "ottoline.brackenbury@example.com");

        var svg = _service.QrSvg(uri);

        Assert.Equal(uri, SvgQrDecoder.Decode(svg));
    }

    [Fact]
    public void QrSvg_HasAQuietZoneAndNoExternalResources()
    {
        var svg = _service.QrSvg(_service.OtpAuthUri("JBSWY3DPEHPK3PXP", "jane@example.com"));
        var modules = SvgQrDecoder.Modules(svg);
        var size = modules.GetLength(0);

        Assert.DoesNotContain("href", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<image", svg, StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < size; i++)
        {
            for (var border = 0; border < 4; border++)
            {
                Assert.False(modules[border, i] || modules[size - 1 - border, i] || modules[i, border] || modules[i, size - 1 - border]);
            }
        }
    }

    // FakeTimeProvider only moves forward, so a moment in the past needs its own clock.
    private static TotpService ServiceAt(long unixSeconds) =>
        new(Options.Create(new TotpOptions()), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
}
