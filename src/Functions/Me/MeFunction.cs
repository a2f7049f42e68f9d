using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Me;

/// <summary><c>GET /api/me</c>: the signed-in customer, read from the full session alone (one storage read).</summary>
public sealed class MeFunction(SessionPipeline pipeline)
{
    [Function(nameof(Me))]
    public Task<IActionResult> Me(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            session => Task.FromResult<Outcome<MeResponse>>(new MeResponse(
                session.Email ?? "",
                session.DisplayName ?? "",
                session.ClaimNumber ?? "",
                session.Methods?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [])),
            me => new OkObjectResult(me),
            cancellationToken);
}

/// <summary>Answer of <c>GET /api/me</c>: who is signed in, with which claim and methods.</summary>
public sealed record MeResponse(string Email, string DisplayName, string ClaimNumber, IReadOnlyList<string> Methods);
