using System.Net.Mail;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Admin;

/// <summary>Body of <c>POST /api/admin/accounts</c>.</summary>
public sealed record CreateAccountRequest(string? Email, string? ClaimNumber, string? DisplayName) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (errors.RequireText("email", Email, 254) && !IsEmail(Email!))
        {
            errors.Add("email", "This is not an email address.");
        }

        if (errors.RequireText("claimNumber", ClaimNumber, 64) && !ClaimNumber!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '_'))
        {
            errors.Add("claimNumber", "A claim number has letters, digits, '-', '/' and '_' only.");
        }

        errors.RequireText("displayName", DisplayName, 100);
    }

    private static bool IsEmail(string value)
        => MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && address.Host.Contains('.');
}
