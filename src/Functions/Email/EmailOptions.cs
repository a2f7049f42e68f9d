using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using CustomerPortal.Functions.Acs;
using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Configuration;

namespace CustomerPortal.Functions.Email;

/// <summary>Who sends the portal's emails. Bound from the <c>Email</c> configuration section; how they name support is <see cref="SupportContactOptions"/>.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Email";

    /// <summary>Who sends: <c>Outbox</c> (writes emails to a table, Development only) or <c>Acs</c> (Azure Communication Services Email). Default: <c>Outbox</c>.</summary>
    public string Provider { get; set; } = nameof(EmailProvider.Outbox);

    /// <summary>The sender address, e.g. <c>DoNotReply@….azurecomm.net</c> (the ACS domain's sender). Default: <c>DoNotReply@localhost.test</c> for the outbox.</summary>
    public string From { get; set; } = "DoNotReply@localhost.test";

    /// <summary>
    /// The ACS resource and the time budget for one email (<c>Email:Acs:*</c>); read only when <see cref="Provider"/> is <c>Acs</c>.
    /// When it names no resource (neither <c>ConnectionString</c> nor <c>Endpoint</c>), the SMS channel's resource
    /// (<c>Sms:Acs:ConnectionString</c>, <c>Sms:Acs:Endpoint</c>) is used: one Communication Services resource sends both.
    /// The time budget is email's own. Defaults: those of <see cref="AcsConnectionOptions"/>.
    /// </summary>
    public AcsConnectionOptions Acs { get; set; } = new();

    /// <summary><see cref="Provider"/> as the one parse of it there is; null when it names no provider.</summary>
    public EmailProvider? ProviderKind =>
        string.IsNullOrWhiteSpace(Provider) ? EmailProvider.Outbox
        : Enum.TryParse<EmailProvider>(Provider, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : null;

    /// <summary>The provider named in <paramref name="configuration"/>, read before options are bound (to register the sender).</summary>
    public static EmailProvider ProviderFrom(IConfiguration configuration)
    {
        var options = new EmailOptions { Provider = configuration[SectionName + ":" + nameof(Provider)] ?? "" };
        return options.ProviderKind ?? throw new InvalidOperationException($"Email:Provider must be Outbox or Acs, not '{options.Provider}'.");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailAddress.TryCreate(From, out var from) || from.Address != From.Trim())
        {
            yield return new("Email:From must be one email address, e.g. DoNotReply@example.com.", [nameof(From)]);
        }

        switch (ProviderKind)
        {
            case null:
                yield return new($"Email:Provider must be Outbox or Acs, not '{Provider}'.", [nameof(Provider)]);
                break;
            case EmailProvider.Outbox when validationContext.GetService(typeof(PortalEnvironment)) is PortalEnvironment { IsDevelopment: false }:
                yield return new("Email:Provider=Outbox keeps emails in a table instead of sending them: it is for Development only. Set Email:Provider=Acs.", [nameof(Provider)]);
                break;
            case EmailProvider.Acs:
                foreach (var result in Acs.Validate("Email:Acs"))
                {
                    yield return result;
                }

                break;
        }
    }
}

/// <summary>Which <see cref="IEmailSender"/> the app uses, from <see cref="EmailOptions.Provider"/>.</summary>
public enum EmailProvider
{
    /// <summary>The development outbox table; no email leaves the machine. The default.</summary>
    Outbox,

    /// <summary>Azure Communication Services Email over REST.</summary>
    Acs,
}
