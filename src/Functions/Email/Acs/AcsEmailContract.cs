namespace CustomerPortal.Functions.Email.Acs;

// The wire shapes of ACS Email send (REST, api-version 2023-03-31): they only travel together.

/// <summary>
/// The body of <c>POST /emails:send?api-version=2023-03-31</c>. <paramref name="UserEngagementTrackingDisabled"/> is always
/// true: click tracking would rewrite the links, and a password-reset link must reach the customer as we wrote it.
/// </summary>
public sealed record AcsEmailSendRequest(string SenderAddress, AcsEmailRecipients Recipients, AcsEmailContent Content, bool UserEngagementTrackingDisabled);

/// <summary>The <c>recipients</c> of a send: the portal writes to one person at a time.</summary>
public sealed record AcsEmailRecipients(IReadOnlyList<AcsEmailAddress> To);

/// <summary>One address; <paramref name="DisplayName"/> is left out of the JSON when there is none.</summary>
public sealed record AcsEmailAddress(string Address, string? DisplayName);

/// <summary>The <c>content</c> of a send: the subject, and the text in plain text and HTML.</summary>
public sealed record AcsEmailContent(string Subject, string PlainText, string Html);
