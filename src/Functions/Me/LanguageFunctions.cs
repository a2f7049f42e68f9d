using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Me;

/// <summary>The language of the signed-in customer's emails and text messages: see it, change it (the account page's setting).</summary>
public sealed class LanguageFunctions(SessionPipeline pipeline, AccountLanguageService languages)
{
    /// <summary><c>GET /api/me/language</c>: <c>{"language":"fr-CA"}</c>.</summary>
    [Function(nameof(MyLanguage))]
    public Task<IActionResult> MyLanguage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/language")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            session => languages.ReadAsync(session.PartitionKey, cancellationToken),
            setting => new OkObjectResult(setting),
            cancellationToken);

    /// <summary><c>PUT /api/me/language</c> with <c>{"language":"fr-CA"}</c>: the next email and text message use it; 400 <c>language_unsupported</c> for another value.</summary>
    [Function(nameof(ChangeLanguage))]
    public Task<IActionResult> ChangeLanguage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/language")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<LanguageSetting, LanguageSetting>(
            request, SessionPipeline.FullOnly,
            (session, body) => languages.ChangeAsync(session.PartitionKey, body.Language!, ClientIp.From(request), cancellationToken),
            setting => new OkObjectResult(setting),
            cancellationToken);
}

/// <summary>Body of <c>PUT /api/me/language</c>, and the answer of both language routes.</summary>
public sealed record LanguageSetting(string? Language) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.RequireText("language", Language, 20);
}
