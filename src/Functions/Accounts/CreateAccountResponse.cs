namespace CustomerPortal.Functions.Accounts;

/// <summary>Answer of <c>POST /api/admin/accounts</c>: the activation token is shown here once and stored only as a hash.</summary>
public sealed record CreateAccountResponse(string AccountId, string ActivationToken, Uri ActivationUrl, DateTimeOffset ExpiresAt);
