namespace CustomerPortal.Functions.Auth;

/// <summary>Answer of activation and password sign-in: what comes next (<c>mfa-setup</c> or <c>mfa-verify</c>) and the methods set up.</summary>
public sealed record SignInResponse(string Stage, IReadOnlyList<string> Methods, string? PhoneHint);
