using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// <c>GET /api/support-contact</c>: how customers reach support, for the pages' help footer and lock panel. Anonymous (a
/// customer who cannot sign in needs it most) and read from configuration alone, the same <see cref="SupportContactOptions"/>
/// the emails end with, so pages and emails never disagree.
/// </summary>
public sealed class SupportContactFunction(IOptions<SupportContactOptions> options)
{
    [Function(nameof(SupportContact))]
    public IActionResult SupportContact(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "support-contact")] HttpRequest request)
    {
        var contact = options.Value;
        var english = contact.For(PortalLanguages.English);
        return new OkObjectResult(new SupportContactResponse(
            english.Phone,
            english.Email,
            english.Hours is null ? null : PortalLanguages.All.ToDictionary(language => language, language => contact.For(language).Hours ?? english.Hours),
            string.IsNullOrWhiteSpace(contact.LiveChatUrl) ? null : contact.LiveChatUrl.Trim()));
    }
}

/// <summary>Answer of <c>GET /api/support-contact</c>: each part null when not configured; the hours in each language.</summary>
public sealed record SupportContactResponse(string? Phone, string? Email, IReadOnlyDictionary<string, string>? Hours, string? LiveChatUrl);
