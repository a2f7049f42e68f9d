using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Functions.Support;

/// <summary>Who calls the support API: the agent named in <c>X-Support-Agent</c> (required on every call) and the client address.</summary>
public sealed record SupportCaller(string Agent, string ClientIp)
{
    public const string AgentHeader = "X-Support-Agent";

    /// <summary>The agent id's longest form.</summary>
    public const int MaxAgentLength = 100;

    /// <summary>The caller, or the 400 <c>validation_failed</c> naming the header when it is missing, repeated, too long or holds control characters.</summary>
    public static Outcome<SupportCaller> From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var values = request.Headers[AgentHeader];
        if (values.Count > 1)
        {
            errors.Add(AgentHeader, "Send the header once.");
        }
        else if (errors.RequireText(AgentHeader, values.Count == 1 ? values[0] : null, MaxAgentLength))
        {
            return new SupportCaller(values[0]!.Trim(), Http.ClientIp.From(request));
        }

        return PortalError.Validation(errors.ToDictionary());
    }
}
