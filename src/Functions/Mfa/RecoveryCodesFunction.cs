using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/recovery-codes</c>: new recovery codes; the old ones stop working.</summary>
public sealed class RecoveryCodesFunction(SessionRequests requests, RecoveryCodeService recovery)
{
    [Function(nameof(RecoveryCodes))]
    public Task<IActionResult> RecoveryCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/recovery-codes")] HttpRequest request,
        CancellationToken cancellationToken)
        => requests.HandleAsync(
            request, SessionRequests.FullOnly,
            session => recovery.RegenerateAsync(session, Http.ClientIp.From(request), cancellationToken),
            codes => new OkObjectResult(codes),
            cancellationToken);
}
