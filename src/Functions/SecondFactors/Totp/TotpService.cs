using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OtpNet;
using QRCoder;

namespace CustomerPortal.Functions.SecondFactors.Totp;

/// <summary>Authenticator app codes (RFC 6238 TOTP: HMAC-SHA-1, 6 digits, 30-second steps), their keys, key URIs and QR codes.</summary>
public sealed class TotpService
{
    /// <summary>Seconds per step (RFC 6238 §4.1 X, the value every authenticator app assumes).</summary>
    public const int StepSeconds = 30;

    /// <summary>Digits per code.</summary>
    public const int Digits = 6;

    // 160 bits: the HMAC-SHA-1 output size, recommended by RFC 4226 §4 R6.
    private const int SecretSizeBytes = 20;

    // One step either side of now, for clocks a little off and codes typed near the end of their step (RFC 6238 §5.2).
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    private readonly TotpOptions _options;
    private readonly TimeProvider _time;

    public TotpService(IOptions<TotpOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _time = time;
    }

    /// <summary>A new random 160-bit key.</summary>
    public TotpSecret NewSecret()
    {
        var key = RandomNumberGenerator.GetBytes(SecretSizeBytes);
        var base32 = Base32Encoding.ToString(key).TrimEnd('=');
        return new TotpSecret(base32, string.Join(' ', base32.Chunk(4).Select(group => new string(group))));
    }

    /// <summary>The <c>otpauth://</c> key URI an authenticator app reads from the QR code (Google Authenticator "Key Uri Format").</summary>
    public string OtpAuthUri(string base32, string accountName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(base32);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);

        var issuer = Uri.EscapeDataString(_options.Issuer);
        var label = $"{issuer}:{Uri.EscapeDataString(accountName)}";
        return $"otpauth://totp/{label}?secret={Uri.EscapeDataString(base32)}&issuer={issuer}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }

    /// <summary>The key URI as an SVG QR code (error correction M, quiet zone included, sized by its viewBox), with no external resources.</summary>
    public string QrSvg(string otpAuthUri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(otpAuthUri);
        using var data = QRCodeGenerator.GenerateQrCode(otpAuthUri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The RFC 6238 time step now: Unix seconds divided by 30.</summary>
    public long CurrentStep() => _time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;

    /// <summary>Checks a code typed by the customer against now and one step either side, accepting each step at most once.</summary>
    /// <param name="key">The account's TOTP key.</param>
    /// <param name="code">Exactly six ASCII digits; callers strip spaces the customer typed.</param>
    /// <param name="lastAcceptedStep">The step of the last code accepted for this account, or -1 when none yet.</param>
    /// <remarks>RFC 6238 §5.2: a verifier must not accept the same code twice, so any step at or before <paramref name="lastAcceptedStep"/> is refused.</remarks>
    public TotpResult Verify(byte[] key, string code, long lastAcceptedStep)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (code is null || code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return TotpResult.Rejected;
        }

        var typed = Encoding.ASCII.GetBytes(code);
        var matched = -1L;

        // Every candidate is computed and compared, so the time taken does not say which step matched.
        foreach (var step in Window.ValidationCandidates(CurrentStep()).Where(step => step >= 0))
        {
            var expected = Encoding.ASCII.GetBytes(ComputeCode(key, step));
            if (CryptographicOperations.FixedTimeEquals(expected, typed) && step > lastAcceptedStep && step > matched)
            {
                matched = step;
            }
        }

        return matched >= 0 ? new TotpResult(true, matched) : TotpResult.Rejected;
    }

    /// <summary>The code for a key at a time step (RFC 6238 §4.2: HOTP with the step as counter), with 6 to 8 digits.</summary>
    public static string ComputeCode(byte[] key, long timeStep, int digits = Digits)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(timeStep);
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        return new Hotp(key, OtpHashMode.Sha1, digits).ComputeHOTP(timeStep);
    }
}

/// <summary>Whether an authenticator code was accepted and, if so, its time step, which the caller stores as the last accepted step.</summary>
/// <param name="Accepted">The code is right, current, and not used before.</param>
/// <param name="MatchedStep">The 30-second step the code belongs to; -1 when not accepted.</param>
public sealed record TotpResult(bool Accepted, long MatchedStep)
{
    /// <summary>The answer for any code that is not accepted.</summary>
    public static TotpResult Rejected { get; } = new(false, -1);
}

/// <summary>A new authenticator key: the Base32 to store (protected) and put in the key URI, and the same grouped by four for typing.</summary>
public sealed record TotpSecret(string Base32, string GroupedBase32);
