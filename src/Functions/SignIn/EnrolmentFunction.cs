using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.SignIn;

/// <summary><c>POST /api/auth/enrolment</c>: support's enrolment link and the password; a pending session that may set up the new method.</summary>
public sealed class EnrolmentFunction(SessionPipeline pipeline, EnrolmentService enrolment)
{
    [Function(nameof(Enrol))]
    public Task<IActionResult> Enrol(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/enrolment")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.StartAsync<EnrolmentRequest, SignInResponse>(
            request, body => enrolment.EnrolAsync(body, ClientIp.From(request), DeviceName.From(request), cancellationToken), cancellationToken);
}
