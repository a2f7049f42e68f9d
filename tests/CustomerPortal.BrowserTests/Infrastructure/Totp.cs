using System.Security.Cryptography;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// The authenticator app's side of RFC 6238 (TOTP: HMAC-SHA-1, 6 digits, 30-second steps), so the
/// tests can read the key from the page and enter the code an app would show.
/// </summary>
public sealed class Totp(string base32Key)
{
    private const int StepSeconds = 30;

    private readonly byte[] key = Base32Decode(base32Key);
    private long lastUsedStep = -1;

    /// <summary>
    /// A code for a time step this test has not used yet (a code works once), and never one about to run out. When the
    /// current step's code is used (or about to run out), the next step's: what an app on a clock a little ahead shows, and
    /// the portal accepts one step either side of its own (rule T2), each once (T3). Only a third code within one step waits for the next.
    /// </summary>
    public async Task<string> NextCodeAsync()
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var step = now / 1000 / StepSeconds;
            var msLeftInStep = ((step + 1) * StepSeconds * 1000) - now;
            var current = step > lastUsedStep && msLeftInStep > 3000;
            if (current || lastUsedStep <= step)
            {
                // The next step's code is good until the end of the step after it: at least 30 s.
                lastUsedStep = current ? step : step + 1;
                return Code(key, lastUsedStep);
            }

            await Task.Delay((int)msLeftInStep + 250);
        }
    }

    /// <summary>A code that the app does not show now nor in the neighbouring steps.</summary>
    public string WrongCode()
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
        var near = Enumerable.Range(-2, 5).Select(offset => Code(key, step + offset)).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => (123456 + (i * 7919)) % 1_000_000).Select(n => n.ToString("D6")).First(c => !near.Contains(c));
    }

    /// <summary>RFC 4226 section 5.3 (HOTP) over the RFC 6238 time step.</summary>
    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[19] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '=').Select(char.ToUpperInvariant).ToArray());
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a Base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
