using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.SecondFactors.Recovery;

/// <summary><c>POST /api/mfa/recovery-codes</c>: new recovery codes; the old ones stop working.</summary>
public sealed class RecoveryCodesFunction(SessionPipeline pipeline, RecoveryCodeService recovery)
{
    [Function(nameof(RecoveryCodes))]
    public Task<IActionResult> RecoveryCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/recovery-codes")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            session => recovery.RegenerateAsync(session, ClientIp.From(request), cancellationToken),
            codes => new OkObjectResult(codes),
            cancellationToken);
}

/// <summary>New recovery codes, shown once.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
