using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomerPortal.Functions.Accounts.Devices;

/// <summary>
/// The remembered-device cookie, <c>__Host-portal_device</c>: <c>{accountId}.{token}</c>, HttpOnly, Secure, SameSite=Strict,
/// Path=/, Max-Age 30 days. One per browser: remembering it for another account replaces it.
/// </summary>
public static class DeviceCookie
{
    public const string Name = "__Host-portal_device";

    /// <summary>The request's device cookie when it is well-formed; whether it is remembered is for <see cref="DeviceStore"/>.</summary>
    public static AccountToken? Read(HttpRequest request)
        => AccountToken.TryParse(request.Cookies[Name], out var token) ? token : null;

    public static void Write(HttpResponse response, AccountToken token)
        => response.Cookies.Append(Name, token.ToString(), PortalCookies.Options(DeviceRules.Lifetime));

    /// <summary>A step's 200 answer (<see cref="SessionPipeline.Step"/>), setting the device cookie when the step remembered the device.</summary>
    public static IActionResult Step<T>(SessionPipeline pipeline, HttpRequest request, SessionStepResult<T> result)
    {
        if (result.DeviceCookie is { } device)
        {
            Write(request.HttpContext.Response, device);
        }

        return pipeline.Step(request, result);
    }

    public static void Clear(HttpResponse response) => response.Cookies.Delete(Name, PortalCookies.Options());
}

/// <summary>What a request says about the customer's device: its name (from the User-Agent) and its device cookie, if any.</summary>
public sealed record ClientDevice(string Name, AccountToken? Cookie)
{
    public static ClientDevice From(HttpRequest request) => new(DeviceName.From(request), DeviceCookie.Read(request));
}
