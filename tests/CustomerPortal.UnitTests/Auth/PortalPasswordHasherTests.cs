using System.Buffers.Binary;
using System.Diagnostics;
using CustomerPortal.Functions.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PasswordOptions = CustomerPortal.Functions.Passwords.PasswordOptions;

namespace CustomerPortal.UnitTests.Auth;

/// <summary>Uses the real 220,000 iterations, so each check costs what it costs in production; the class keeps the number of checks small.</summary>
public sealed class PortalPasswordHasherTests
{
    private const string Password = "oboe quasar lantern";

    private readonly PortalPasswordHasher _hasher = new(Options.Create(new PasswordOptions()));

    [Fact]
    public void Hash_NewPassword_IsPbkdf2HmacSha512WithTheConfiguredIterations()
    {
        var bytes = Convert.FromBase64String(_hasher.Hash(Password));

        // Identity V3 layout: 0x01 | PRF (uint32, big-endian) | iterations | salt length | salt | subkey.
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal((uint)KeyDerivationPrfHmacSha512, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(220_000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9)));
    }

    [Fact]
    public void Verify_RightPassword_SucceedsAndWrongPasswordFails()
    {
        var stored = _hasher.Hash(Password);

        Assert.Equal(PasswordCheck.Success, _hasher.Verify(stored, Password));
        Assert.Equal(PasswordCheck.Failed, _hasher.Verify(stored, "oboe quasar lanterns"));
    }

    [Fact]
    public void Verify_HashWithFewerIterations_SucceedsWithRehashNeeded()
    {
        var legacy = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        var stored = legacy.HashPassword(new object(), Password);

        Assert.Equal(PasswordCheck.SuccessRehashNeeded, _hasher.Verify(stored, Password));
    }

    [Fact]
    public void Verify_DecomposedAccentsOfTheSamePassword_Succeeds()
    {
        var stored = _hasher.Hash("Bärenhöhle am Fjord");

        Assert.Equal(PasswordCheck.Success, _hasher.Verify(stored, "Ba\u0308renho\u0308hle am Fjord"));
    }

    [Fact]
    public void Verify_DamagedStoredHash_Fails()
    {
        Assert.Equal(PasswordCheck.Failed, _hasher.Verify("not base64!", Password));
    }

    [Fact]
    public void Verify_UnknownAccount_FailsInAboutTheTimeOfARealCheck()
    {
        var stored = _hasher.Hash(Password);
        _hasher.Verify(null, Password); // builds the dummy hash once, outside the measurement

        var real = new List<double>();
        var unknown = new List<double>();
        PasswordCheck unknownResult = PasswordCheck.Success;
        for (var run = 0; run < 3; run++)
        {
            real.Add(Measure(() => _hasher.Verify(stored, "wrong password here")));
            unknown.Add(Measure(() => unknownResult = _hasher.Verify(null, "wrong password here")));
        }

        Assert.Equal(PasswordCheck.Failed, unknownResult);
        Assert.True(
            Median(unknown) >= 0.5 * Median(real),
            $"Unknown account took {Median(unknown):F1} ms, a real check {Median(real):F1} ms.");
    }

    // KeyDerivationPrf.HMACSHA512 lives in Microsoft.AspNetCore.Cryptography.KeyDerivation; its value is 2.
    private const int KeyDerivationPrfHmacSha512 = 2;

    private static double Measure(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
