namespace CustomerPortal.Functions.Email;

/// <summary>
/// What a security email says beyond its kind: the item's own name (a passkey's "Work laptop"), the ways of signing in still on
/// the account (with a link to remove one), and a link of the kind's own with its lifetime (support's enrolment link), and when a closed claim's account goes (the retention warning).
/// </summary>
public sealed record SecurityEmailDetails(string? ItemName = null, IReadOnlyList<string>? MethodsLeft = null, Uri? Link = null, TimeSpan? LinkLifetime = null, DateTimeOffset? DeletesAt = null);
