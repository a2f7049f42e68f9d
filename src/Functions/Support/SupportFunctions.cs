using System.Globalization;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// The support API (<c>/api/support/…</c>): a support agent's tool for a customer who calls with a claim number. Anonymous to the
/// Functions host: the agent's Entra ID bearer token is the gate (<see cref="SupportGate"/>), checked before anything else, and its
/// role decides what the agent may do. Every look-up, view and change gives a reason. No customer session is read here.
/// </summary>
public sealed class SupportFunctions(SupportService support, SupportGate gate)
{
    /// <summary><c>GET /api/support/accounts?claimNumber=…</c> or <c>?email=…</c>: the matching accounts.</summary>
    [Function(nameof(SupportFindAccounts))]
    public async Task<IActionResult> SupportFindAccounts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "support/accounts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = await gate.AuthorizeAsync(request, SupportRole.Agent, cancellationToken);
        if (caller.Error is { } refused)
        {
            return ErrorCatalog.ToResult(refused, request.HttpContext.Response);
        }

        var errors = new ValidationErrors();
        var lookup = new SupportLookup(Single(request, "claimNumber", errors), Single(request, "email", errors), Single(request, "reason", errors));
        if (errors.IsEmpty)
        {
            lookup.Validate(errors);
        }

        if (!errors.IsEmpty)
        {
            return ErrorCatalog.ToResult(PortalError.Validation(errors.ToDictionary()));
        }

        return new OkObjectResult(await support.FindAsync(lookup, caller.Value!, cancellationToken));
    }

    /// <summary><c>GET /api/support/accounts/{id}?reason=…</c>: one account's state and live sessions; the view is audited with its reason.</summary>
    [Function(nameof(SupportAccount))]
    public async Task<IActionResult> SupportAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "support/accounts/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var caller = await gate.AuthorizeAsync(request, SupportRole.Agent, cancellationToken);
        if (caller.Error is { } refused)
        {
            return ErrorCatalog.ToResult(refused, request.HttpContext.Response);
        }

        var errors = new ValidationErrors();
        var reason = Reason(request, errors);

        if (!errors.IsEmpty)
        {
            return ErrorCatalog.ToResult(PortalError.Validation(errors.ToDictionary()));
        }

        return ErrorCatalog.Map(await support.GetAsync(id, reason!, caller.Value!, cancellationToken), request, detail => new OkObjectResult(detail));
    }

    /// <summary><c>GET /api/support/accounts/{id}/events?reason=…&amp;limit=50&amp;before=…</c>: the audit trail, newest first; each page read is audited with its reason.</summary>
    [Function(nameof(SupportEvents))]
    public async Task<IActionResult> SupportEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "support/accounts/{id}/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var caller = await gate.AuthorizeAsync(request, SupportRole.Agent, cancellationToken);
        if (caller.Error is { } refused)
        {
            return ErrorCatalog.ToResult(refused, request.HttpContext.Response);
        }

        var errors = new ValidationErrors();
        var reason = Reason(request, errors);

        var limitText = Single(request, "limit", errors);
        var before = Single(request, "before", errors);

        var limit = SupportService.DefaultEventLimit;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > SupportService.MaxEventLimit))
        {
            errors.Add("limit", $"Give a whole number from 1 to {SupportService.MaxEventLimit}.");
        }

        if (before is not null && !AuditLog.IsRowKey(before))
        {
            errors.Add("before", "Give the next value of the previous page.");
        }

        if (!errors.IsEmpty)
        {
            return ErrorCatalog.ToResult(PortalError.Validation(errors.ToDictionary()));
        }

        return ErrorCatalog.Map(await support.EventsAsync(id, limit, before, reason!, caller.Value!, cancellationToken), request, page => new OkObjectResult(page));
    }

    /// <summary><c>POST /api/support/accounts/{id}/activation</c>: a new activation link (201), the old one stops working.</summary>
    [Function(nameof(SupportActivation))]
    public Task<IActionResult> SupportActivation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "support/accounts/{id}/activation")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ActAsync(request, SupportRole.Agent, (reason, caller) => support.RenewActivationAsync(id, reason, caller, cancellationToken), link => new ObjectResult(link) { StatusCode = StatusCodes.Status201Created }, cancellationToken);

    /// <summary><c>POST /api/support/accounts/{id}/unlock</c>: clears the password and second-factor locks (204).</summary>
    [Function(nameof(SupportUnlock))]
    public Task<IActionResult> SupportUnlock(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "support/accounts/{id}/unlock")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ActAsync(request, SupportRole.Supervisor, (reason, caller) => support.UnlockAsync(id, reason, caller, cancellationToken), _ => new NoContentResult(), cancellationToken);

    /// <summary><c>POST /api/support/accounts/{id}/reset-mfa</c>: removes every second factor and ends every session (204).</summary>
    [Function(nameof(SupportResetMfa))]
    public Task<IActionResult> SupportResetMfa(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "support/accounts/{id}/reset-mfa")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ActAsync(request, SupportRole.Supervisor, (reason, caller) => support.ResetMfaAsync(id, reason, caller, cancellationToken), _ => new NoContentResult(), cancellationToken);

    /// <summary><c>POST /api/support/accounts/{id}/end-sessions</c>: ends every session and forgets every remembered device (204).</summary>
    [Function(nameof(SupportEndSessions))]
    public Task<IActionResult> SupportEndSessions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "support/accounts/{id}/end-sessions")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ActAsync(request, SupportRole.Agent, (reason, caller) => support.EndSessionsAsync(id, reason, caller, cancellationToken), _ => new NoContentResult(), cancellationToken);

    /// <summary><c>POST /api/support/accounts/{id}/forget-devices</c>: forgets every remembered device (204).</summary>
    [Function(nameof(SupportForgetDevices))]
    public Task<IActionResult> SupportForgetDevices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "support/accounts/{id}/forget-devices")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ActAsync(request, SupportRole.Agent, (reason, caller) => support.ForgetDevicesAsync(id, reason, caller, cancellationToken), _ => new NoContentResult(), cancellationToken);

    /// <summary><c>POST /api/support/accounts/{id}/password-reset</c>: emails the customer a reset link (202).</summary>
    [Function(nameof(SupportPasswordReset))]
    public Task<IActionResult> SupportPasswordReset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "support/accounts/{id}/password-reset")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ActAsync(request, SupportRole.Agent, (reason, caller) => support.SendPasswordResetAsync(id, reason, caller, cancellationToken), sent => new ObjectResult(sent) { StatusCode = StatusCodes.Status202Accepted }, cancellationToken);

    // A change: the agent and their role first (nobody without a token learns anything, not even what a body should hold), then the
    // body's reason, then the service.
    private async Task<IActionResult> ActAsync<T>(HttpRequest request, SupportRole required, Func<string, SupportAgent, Task<Outcome<T>>> act, Func<T, IActionResult> respond, CancellationToken cancellationToken)
    {
        var caller = await gate.AuthorizeAsync(request, required, cancellationToken);
        if (caller.Error is { } refused)
        {
            return ErrorCatalog.ToResult(refused, request.HttpContext.Response);
        }

        var body = await JsonBody.ReadAsync<SupportActionRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        return ErrorCatalog.Map(await act(body.Value!.Reason!, caller.Value!), request, respond);
    }

    // The required `reason` query parameter of a view or a trail read: sent once, 1 to 500 characters.
    private static string? Reason(HttpRequest request, ValidationErrors errors)
    {
        var reason = Single(request, "reason", errors);
        if (errors.IsEmpty)
        {
            errors.RequireText("reason", reason, SupportActionRequest.MaxReasonLength);
        }

        return reason;
    }

    private static string? Single(HttpRequest request, string name, ValidationErrors errors)
    {
        var values = request.Query[name];
        if (values.Count > 1)
        {
            errors.Add(name, "Give this parameter once.");
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }
}
