using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// The request pipeline every sign-in function shares: read and check the body (before any storage is touched),
/// find the session of an allowed stage, run one service call, map its outcome (and any new session's cookie).
/// </summary>
public sealed class SessionPipeline(SessionService sessions)
{
    public static readonly string[] AnyStage = [];
    public static readonly string[] PendingOnly = [SessionStages.Pending];
    public static readonly string[] FullOnly = [SessionStages.Full];

    /// <summary>A step with a JSON body, for a session of one of <paramref name="stages"/>.</summary>
    public async Task<IActionResult> HandleAsync<TBody, TResult>(
        HttpRequest request,
        string[] stages,
        Func<SessionEntity, TBody, Task<Outcome<TResult>>> run,
        Func<TResult, IActionResult> respond,
        CancellationToken cancellationToken)
        where TBody : class, IValidatableRequest
    {
        var body = await JsonBody.ReadAsync<TBody>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        return await HandleAsync(request, stages, session => run(session, body.Value!), respond, cancellationToken);
    }

    /// <summary>
    /// A step with a JSON body that decides on the account: the session, the account row and the rows <paramref name="rowKeys"/>
    /// names (from the body) are read with one query. <paramref name="check"/> checks the body further, before any storage.
    /// </summary>
    public async Task<IActionResult> HandleAsync<TBody, TResult>(
        HttpRequest request,
        string[] stages,
        Action<TBody, ValidationErrors>? check,
        Func<TBody, IReadOnlyCollection<string>> rowKeys,
        Func<SessionRead, TBody, Task<Outcome<TResult>>> run,
        Func<TResult, IActionResult> respond,
        CancellationToken cancellationToken)
        where TBody : class, IValidatableRequest
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken, check);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var read = await sessions.ResolveWithAccountAsync(request, stages, rowKeys(body.Value!), cancellationToken);
        if (!read.Succeeded)
        {
            return ErrorCatalog.ToResult(read.Error!, request.HttpContext.Response);
        }

        return await RunAsync(request, () => run(read.Value!, body.Value!), respond);
    }

    /// <summary>A step without a body, for a session of one of <paramref name="stages"/>.</summary>
    public async Task<IActionResult> HandleAsync<TResult>(
        HttpRequest request,
        string[] stages,
        Func<SessionEntity, Task<Outcome<TResult>>> run,
        Func<TResult, IActionResult> respond,
        CancellationToken cancellationToken)
    {
        var session = await sessions.ResolveAsync(request, cancellationToken, stages);
        if (!session.Succeeded)
        {
            return ErrorCatalog.ToResult(session.Error!, request.HttpContext.Response);
        }

        return await RunAsync(request, () => run(session.Value!), respond);
    }

    private static async Task<IActionResult> RunAsync<TResult>(HttpRequest request, Func<Task<Outcome<TResult>>> run, Func<TResult, IActionResult> respond)
    {
        Outcome<TResult> outcome;
        try
        {
            outcome = await run();
        }
        catch (Exception exception) when (exception is LinkedRowGoneException or Azure.RequestFailedException { Status: 404 })
        {
            // The session was ended by a parallel request between its read and this step's write.
            outcome = new PortalError(ErrorCodes.SessionRequired);
        }

        return ErrorCatalog.Map(outcome, request, respond);
    }

    /// <summary>A password step (activation, sign-in): no session yet; success sets the new session's cookie.</summary>
    public async Task<IActionResult> StartAsync<TBody, TResponse>(
        HttpRequest request,
        Func<TBody, Task<Outcome<SessionStepResult<TResponse>>>> run,
        CancellationToken cancellationToken)
        where TBody : class, IValidatableRequest
    {
        var body = await JsonBody.ReadAsync<TBody>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await run(body.Value!);
        return ErrorCatalog.Map(outcome, request, result => Step(request, result));
    }

    /// <summary>200 (or <paramref name="status"/>) with the step's answer, setting the new session's cookie when the step replaced the session.</summary>
    public IActionResult Step<T>(HttpRequest request, SessionStepResult<T> result, int status = StatusCodes.Status200OK)
    {
        if (result.Cookie is { } cookie)
        {
            sessions.WriteCookie(request.HttpContext.Response, cookie);
        }

        return new ObjectResult(result.Response) { StatusCode = status };
    }

    /// <summary>202 with the answer: the request was taken (a text is on its way).</summary>
    public static IActionResult Accepted(object value) => new ObjectResult(value) { StatusCode = StatusCodes.Status202Accepted };
}
