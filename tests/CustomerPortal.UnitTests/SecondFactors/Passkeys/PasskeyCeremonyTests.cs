using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Testing;
using Fido2NetLib;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.SecondFactors.Passkeys;

/// <summary>
/// The WebAuthn ceremony rules (PK1-PK4) with answers from a software authenticator: the challenge sent, the origin and
/// RP ID of <c>Portal:PublicOrigin</c>, user verification, and a signature counter that must go up.
/// </summary>
public sealed class PasskeyCeremonyTests : IDisposable
{
    private const string Origin = "https://portal.example.com";
    private static readonly byte[] UserHandle = RandomNumberGenerator.GetBytes(32);

    private readonly PasskeyCeremony ceremony = new(
        Options.Create(new PortalOptions { PublicOrigin = new Uri(Origin) }),
        Options.Create(new PasskeyOptions()),
        NullLogger<PasskeyCeremony>.Instance);

    private readonly TestAuthenticator authenticator = new(Origin);

    public void Dispose() => authenticator.Dispose();

    [Fact]
    public void CreationOptions_RequireAResidentKeyAndUserVerification_AndExcludeExistingPasskeys()
    {
        var existing = new PasskeyEntity { CredentialId = [1, 2, 3], Transports = "Internal" };

        var options = Json(ceremony.CreationOptions(UserHandle, "alex@example.com", "Alex", [existing]).ToJson());

        Assert.Equal("portal.example.com", options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
        Assert.Equal(Base64Url.EncodeToString(UserHandle), options.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("AQID", options.GetProperty("excludeCredentials")[0].GetProperty("id").GetString());
        Assert.True(Base64Url.DecodeFromChars(options.GetProperty("challenge").GetString()).Length >= 16);
    }

    [Fact]
    public async Task Register_AnAnswerToTheOptions_GivesTheCredentialToStore()
    {
        var (options, _) = NewCreation();

        var registered = await RegisterAsync(options, authenticator.Create(Json(options.ToJson())));

        Assert.NotNull(registered);
        Assert.Equal(authenticator.CredentialId, registered.Id);
        Assert.NotEmpty(registered.PublicKey);
        Assert.Equal(Guid.Empty, registered.AaGuid);
    }

    [Fact]
    public async Task Register_AnAnswerToAnotherChallenge_IsRefused()
    {
        var (options, _) = NewCreation();
        var (other, _) = NewCreation();

        var registered = await RegisterAsync(options, authenticator.Create(Json(other.ToJson())));

        Assert.Null(registered);
    }

    [Fact]
    public async Task Register_FromAnotherOrigin_IsRefused()
    {
        var (options, _) = NewCreation();
        authenticator.Origin = "https://portal.example.com.evil.test";

        Assert.Null(await RegisterAsync(options, authenticator.Create(Json(options.ToJson()))));
    }

    [Fact]
    public async Task Register_ForAnotherRpId_IsRefused()
    {
        var (options, _) = NewCreation();
        authenticator.RpId = "evil.test";

        Assert.Null(await RegisterAsync(options, authenticator.Create(Json(options.ToJson()))));
    }

    [Fact]
    public async Task Register_WithoutUserVerification_IsRefused()
    {
        var (options, _) = NewCreation();
        authenticator.VerifiesUser = false;

        Assert.Null(await RegisterAsync(options, authenticator.Create(Json(options.ToJson()))));
    }

    [Fact]
    public async Task Register_ACredentialAlreadyRegistered_IsRefused()
    {
        var (options, _) = NewCreation();

        var registered = await ceremony.RegisterAsync(
            options, Attestation(authenticator.Create(Json(options.ToJson()))), _ => Task.FromResult(false), CancellationToken.None);

        Assert.Null(registered);
    }

    [Fact]
    public async Task Verify_ARightAssertion_Matches_WithTheNewCounter()
    {
        var passkey = await RegisteredAsync();
        var options = ceremony.AssertionOptions([passkey]);

        var result = await VerifyAsync(options, authenticator.Get(Json(options.ToJson())), passkey);

        Assert.Equal(PasskeyCheck.Match, result.Check);
        Assert.Equal(1u, result.SignCount);
    }

    [Fact]
    public async Task Verify_AnAnswerToAnotherChallenge_IsWrong()
    {
        var passkey = await RegisteredAsync();
        var options = ceremony.AssertionOptions([passkey]);
        var used = ceremony.AssertionOptions([passkey]);

        var result = await VerifyAsync(options, authenticator.Get(Json(used.ToJson())), passkey);

        Assert.Equal(PasskeyCheck.Wrong, result.Check);
    }

    [Fact]
    public async Task Verify_FromAnotherOrigin_IsWrong()
    {
        var passkey = await RegisteredAsync();
        var options = ceremony.AssertionOptions([passkey]);
        authenticator.Origin = "http://portal.example.com";

        Assert.Equal(PasskeyCheck.Wrong, (await VerifyAsync(options, authenticator.Get(Json(options.ToJson())), passkey)).Check);
    }

    [Fact]
    public async Task Verify_ForAnotherRpId_IsWrong()
    {
        var passkey = await RegisteredAsync();
        var options = ceremony.AssertionOptions([passkey]);
        authenticator.RpId = "example.com";

        Assert.Equal(PasskeyCheck.Wrong, (await VerifyAsync(options, authenticator.Get(Json(options.ToJson())), passkey)).Check);
    }

    [Fact]
    public async Task Verify_WithoutUserVerification_IsWrong()
    {
        var passkey = await RegisteredAsync();
        var options = ceremony.AssertionOptions([passkey]);
        authenticator.VerifiesUser = false;

        Assert.Equal(PasskeyCheck.Wrong, (await VerifyAsync(options, authenticator.Get(Json(options.ToJson())), passkey)).Check);
    }

    [Fact]
    public async Task Verify_ACounterThatDidNotGoUp_IsRefusedAsCounterWentBack()
    {
        var passkey = await RegisteredAsync();
        passkey.SignCount = 7;
        authenticator.SignCount = 6; // the next assertion carries 7: not above the stored 7
        var options = ceremony.AssertionOptions([passkey]);

        var result = await VerifyAsync(options, authenticator.Get(Json(options.ToJson())), passkey);

        Assert.Equal(PasskeyCheck.CounterWentBack, result.Check);
    }

    [Fact]
    public async Task Verify_SignedByAnotherKey_IsWrong()
    {
        var passkey = await RegisteredAsync();
        using var other = new TestAuthenticator(Origin);
        var options = ceremony.AssertionOptions([]);
        var answer = other.Get(Json(options.ToJson()), userHandle: UserHandle);
        // The other key's signature under this passkey's id.
        answer["id"] = Base64Url.EncodeToString(passkey.CredentialId);
        answer["rawId"] = Base64Url.EncodeToString(passkey.CredentialId);

        Assert.Equal(PasskeyCheck.Wrong, (await VerifyAsync(options, answer, passkey)).Check);
    }

    [Fact]
    public async Task Verify_ForAnotherUserHandle_IsWrong()
    {
        var passkey = await RegisteredAsync();
        var options = ceremony.AssertionOptions([]);

        var answer = authenticator.Get(Json(options.ToJson()), userHandle: RandomNumberGenerator.GetBytes(32));

        Assert.Equal(PasskeyCheck.Wrong, (await VerifyAsync(options, answer, passkey)).Check);
    }

    [Fact]
    public async Task Verify_ACredentialOutsideTheAllowList_IsWrong()
    {
        var passkey = await RegisteredAsync();
        var options = ceremony.AssertionOptions([new PasskeyEntity { CredentialId = [9, 9, 9] }]);

        Assert.Equal(PasskeyCheck.Wrong, (await VerifyAsync(options, authenticator.Get(Json(options.ToJson())), passkey)).Check);
    }

    private (CredentialCreateOptions Options, string Json) NewCreation()
    {
        var options = ceremony.CreationOptions(UserHandle, "alex@example.com", "Alex", []);
        return (options, options.ToJson());
    }

    private async Task<PasskeyEntity> RegisteredAsync()
    {
        var (options, json) = NewCreation();
        var registered = await RegisterAsync(options, authenticator.Create(Json(json)));
        Assert.NotNull(registered);
        return new PasskeyEntity { CredentialId = registered.Id, PublicKey = registered.PublicKey, SignCount = registered.SignCount };
    }

    private Task<Fido2NetLib.Objects.RegisteredPublicKeyCredential?> RegisterAsync(CredentialCreateOptions options, JsonObject answer)
        => ceremony.RegisterAsync(CredentialCreateOptions.FromJson(options.ToJson()), Attestation(answer), _ => Task.FromResult(true), CancellationToken.None);

    private Task<PasskeyAssertion> VerifyAsync(AssertionOptions options, JsonObject answer, PasskeyEntity passkey)
        => ceremony.VerifyAsync(
            AssertionOptions.FromJson(options.ToJson()), PasskeyJson.ReadAssertion(Json(answer.ToJsonString()))!, passkey, UserHandle, CancellationToken.None);

    private static AuthenticatorAttestationRawResponse Attestation(JsonObject answer)
        => PasskeyJson.ReadAttestation(Json(answer.ToJsonString())) ?? throw new InvalidOperationException("The test authenticator's answer did not parse.");

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
