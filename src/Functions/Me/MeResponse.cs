namespace CustomerPortal.Functions.Me;

/// <summary>Answer of <c>GET /api/me</c>: who is signed in, with which claim and methods.</summary>
public sealed record MeResponse(string Email, string DisplayName, string ClaimNumber, IReadOnlyList<string> Methods);
