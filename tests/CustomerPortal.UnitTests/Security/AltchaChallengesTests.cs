using System.Text;
using System.Text.Json;
using CustomerPortal.Functions.Security;
using CustomerPortal.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.UnitTests.Security;

/// <summary>
/// The ALTCHA challenges (PoW v2, deterministic mode): made with a signed prefix and key signature, checked with HMACs only,
/// bound to their action, expiring, and refusing anything the service did not issue. Rule AB7.
/// </summary>
public sealed class AltchaChallengesTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly IOptions<EncryptionOptions> keys = TestEncryption.SingleKey();

    [Fact]
    public void Create_GivesTheWidgetsParameters_SortedAndSigned_WithACounterInTheUpperHalf()
    {
        var challenges = New(maxCounter: 40);

        var challenge = Json(challenges.Create("sign_in"));
        var parameters = challenge.GetProperty("parameters");

        Assert.Equal(["algorithm", "cost", "data", "expiresAt", "keyLength", "keyPrefix", "keySignature", "nonce", "salt"], parameters.EnumerateObject().Select(p => p.Name));
        Assert.Equal("PBKDF2/SHA-256", parameters.GetProperty("algorithm").GetString());
        Assert.Equal(32, parameters.GetProperty("keyPrefix").GetString()!.Length);
        Assert.Equal("sign_in", parameters.GetProperty("data").GetProperty("action").GetString());
        Assert.Equal(time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), parameters.GetProperty("expiresAt").GetInt64());
        var counter = SolvedCounter(challenge);
        Assert.InRange(counter, 20, 40);
    }

    [Fact]
    public void Verify_ASolvedChallenge_IsSolved_AndNamesItsNonce()
    {
        var challenges = New();
        var challenge = Json(challenges.Create("sign_in"));

        var verdict = challenges.Verify(AltchaSolver.Solve(challenge), "sign_in", out var solved);

        Assert.Equal(AltchaVerdict.Solved, verdict);
        Assert.Equal(challenge.GetProperty("parameters").GetProperty("nonce").GetString(), solved!.Nonce);
    }

    [Fact]
    public void Verify_AChallengeOfAnotherAction_IsRefused()
    {
        var challenges = New();
        var payload = AltchaSolver.Solve(Json(challenges.Create("sign_in")));

        Assert.Equal(AltchaVerdict.WrongAction, challenges.Verify(payload, "password_reset", out _));
    }

    [Fact]
    public void Verify_AfterItsFiveMinutes_IsExpired()
    {
        var challenges = New();
        var payload = AltchaSolver.Solve(Json(challenges.Create("sign_in")));

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(AltchaVerdict.Expired, challenges.Verify(payload, "sign_in", out _));
    }

    [Fact]
    public void Verify_AKeyThatIsNotTheChallengesOwn_IsAWrongSolution()
    {
        var challenges = New();
        var challenge = Json(challenges.Create("sign_in"));
        var prefix = challenge.GetProperty("parameters").GetProperty("keyPrefix").GetString()!;

        // The prefix is public: a key that starts with it but was not derived is still refused (the key signature covers all of it).
        var forged = AltchaSolver.Payload(challenge, 7, prefix + new string('0', 32));

        Assert.Equal(AltchaVerdict.WrongSolution, challenges.Verify(forged, "sign_in", out _));
    }

    [Fact]
    public void Verify_ParametersChangedAfterSigning_HaveABadSignature()
    {
        var challenges = New(maxCounter: 400);
        var challenge = Json(challenges.Create("sign_in"));
        var easier = JsonSerializer.SerializeToElement(new
        {
            parameters = With(challenge.GetProperty("parameters"), "expiresAt", time.GetUtcNow().AddDays(1).ToUnixTimeSeconds()),
            signature = challenge.GetProperty("signature").GetString(),
        });

        Assert.Equal(AltchaVerdict.BadSignature, challenges.Verify(AltchaSolver.Solve(easier), "sign_in", out _));
    }

    [Fact]
    public void Verify_AChallengeSignedUnderAnotherKey_HasABadSignature_ButOneUnderAnOlderConfiguredKeyStillWorks()
    {
        var older = TestEncryption.NewKey();
        var before = new AltchaChallenges(Settings(), TestEncryption.Options("old", new Dictionary<string, string> { ["old"] = older }), time);
        var rotated = new AltchaChallenges(Settings(), TestEncryption.Options("new", new Dictionary<string, string> { ["old"] = older, ["new"] = TestEncryption.NewKey() }), time);
        var payload = AltchaSolver.Solve(Json(before.Create("sign_in")));

        Assert.Equal(AltchaVerdict.Solved, rotated.Verify(payload, "sign_in", out _));
        Assert.Equal(AltchaVerdict.BadSignature, New().Verify(payload, "sign_in", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("e30=")] // {}
    [InlineData("eyJjaGFsbGVuZ2UiOm51bGwsInNvbHV0aW9uIjpudWxsLCJ0ZXN0Ijp0cnVlfQ==")] // the widget's test mode: {"challenge":null,"solution":null,"test":true}
    public void Verify_SomethingThatIsNoPayloadOfThisService_IsMalformed(string payload)
    {
        Assert.Equal(AltchaVerdict.Malformed, New().Verify(payload, "sign_in", out _));
    }

    [Fact]
    public void Verify_AnotherAlgorithmOrAnExtraParameter_IsMalformed_BeforeAnyHmac()
    {
        var challenges = New();
        var challenge = Json(challenges.Create("sign_in"));
        var sha = JsonSerializer.SerializeToElement(new { parameters = With(challenge.GetProperty("parameters"), "algorithm", "SHA-256"), signature = challenge.GetProperty("signature").GetString() });
        var extra = JsonSerializer.SerializeToElement(new { parameters = With(challenge.GetProperty("parameters"), "memoryCost", 1), signature = challenge.GetProperty("signature").GetString() });

        Assert.Equal(AltchaVerdict.Malformed, challenges.Verify(AltchaSolver.Payload(sha, 1, new string('a', 64)), "sign_in", out _));
        Assert.Equal(AltchaVerdict.Malformed, challenges.Verify(AltchaSolver.Payload(extra, 1, new string('a', 64)), "sign_in", out _));
    }

    [Fact]
    public void CanonicalJson_IsWhatJavaScriptsSortedStringifyWrites()
    {
        var parameters = new AltchaParameters("PBKDF2/SHA-256", 1000, new AltchaData("sign_in"), 1795000000, 32, "ab", "cd", "01", "02");

        Assert.Equal(
            """{"algorithm":"PBKDF2/SHA-256","cost":1000,"data":{"action":"sign_in"},"expiresAt":1795000000,"keyLength":32,"keyPrefix":"ab","keySignature":"cd","nonce":"01","salt":"02"}""",
            AltchaChallenges.CanonicalJson(parameters));
    }

    private AltchaChallenges New(int maxCounter = 20) => new(Settings(maxCounter), keys, time);

    private static IOptions<ChallengeOptions> Settings(int maxCounter = 20) => Options.Create(new ChallengeOptions { Cost = 100, MaxCounter = maxCounter });

    private static JsonElement Json(AltchaChallenge challenge) => JsonSerializer.SerializeToElement(challenge);

    private static long SolvedCounter(JsonElement challenge)
    {
        var payload = JsonDocument.Parse(Convert.FromBase64String(AltchaSolver.Solve(challenge))).RootElement;
        return payload.GetProperty("solution").GetProperty("counter").GetInt64();
    }

    private static JsonElement With(JsonElement parameters, string name, object value)
    {
        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(parameters.GetRawText())!;
        copy[name] = JsonSerializer.SerializeToElement(value);
        return JsonSerializer.SerializeToElement(copy.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary());
    }
}
