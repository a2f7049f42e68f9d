using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Me;

/// <summary>The signed-in customer's remembered devices: see them, forget one, forget all.</summary>
public sealed class DevicesFunctions(SessionPipeline pipeline, DeviceService devices)
{
    /// <summary><c>GET /api/me/devices</c>: the account's remembered devices, newest first.</summary>
    [Function(nameof(MyDevices))]
    public Task<IActionResult> MyDevices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/devices")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            async session => new Outcome<IReadOnlyList<DeviceView>>(await devices.ListAsync(session.PartitionKey, DeviceCookie.Read(request), cancellationToken), null),
            list => new OkObjectResult(list),
            cancellationToken);

    /// <summary><c>DELETE /api/me/devices/{id}</c>: forget one device; 404 <c>device_not_found</c> for an id the account has not.</summary>
    [Function(nameof(ForgetDevice))]
    public Task<IActionResult> ForgetDevice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "me/devices/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            async session => await devices.ForgetAsync(session.PartitionKey, id, ClientIp.From(request), cancellationToken)
                ? new Outcome<bool>(true, null)
                : new PortalError(ErrorCodes.DeviceNotFound),
            _ => Forgotten(request, DeviceCookie.Read(request) is { } cookie && DeviceStore.RowKeyOf(cookie)[DeviceEntity.RowPrefix.Length..].StartsWith(id, StringComparison.Ordinal)),
            cancellationToken);

    /// <summary><c>DELETE /api/me/devices</c>: "Forget all devices".</summary>
    [Function(nameof(ForgetAllDevices))]
    public Task<IActionResult> ForgetAllDevices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "me/devices")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            async session => new Outcome<int>(await devices.ForgetAllAsync(session.PartitionKey, DeviceForgetReasons.Customer, ClientIp.From(request), cancellationToken), null),
            _ => Forgotten(request, clearCookie: true),
            cancellationToken);

    // 204; the browser's own cookie goes too when its device was forgotten.
    private static NoContentResult Forgotten(HttpRequest request, bool clearCookie)
    {
        if (clearCookie)
        {
            DeviceCookie.Clear(request.HttpContext.Response);
        }

        return new NoContentResult();
    }
}
