using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.SignIn;

/// <summary>The password routes: activation, sign-in and sign-out.</summary>
public sealed class AuthFunctions(SessionPipeline pipeline, AuthService auth, SessionService sessions, AuditLog audit)
{
    /// <summary><c>POST /api/auth/activate</c>: the first password, from a single-use activation token; starts a pending session.</summary>
    [Function(nameof(Activate))]
    public Task<IActionResult> Activate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/activate")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.StartAsync<ActivateRequest, SignInResponse>(request, body => auth.ActivateAsync(body, ClientIp.From(request), DeviceName.From(request), cancellationToken), cancellationToken);

    /// <summary><c>POST /api/auth/login</c>: email and password; starts a pending session for the second factor.</summary>
    [Function(nameof(Login))]
    public Task<IActionResult> Login(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.StartAsync<LoginRequest, SignInResponse>(request, body => auth.LoginAsync(body, ClientIp.From(request), ClientDevice.From(request), cancellationToken), cancellationToken);

    /// <summary><c>POST /api/auth/logout</c>: ends the session on the server and clears the cookie.</summary>
    [Function(nameof(Logout))]
    public async Task<IActionResult> Logout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await sessions.ResolveAsync(request, cancellationToken);
        sessions.ClearCookie(request.HttpContext.Response);
        if (!session.Succeeded)
        {
            return ErrorCatalog.ToResult(session.Error!, request.HttpContext.Response);
        }

        await sessions.EndAsync(session.Value!, SessionEndReasons.Logout, cancellationToken);
        await audit.WriteAsync(session.Value!.PartitionKey, AuditEvents.SignedOut, ClientIp.From(request), null, cancellationToken);
        return new NoContentResult();
    }
}
