namespace CustomerPortal.Functions.Support;

/// <summary>What an agent may do: <see cref="Agent"/> looks and helps, <see cref="Supervisor"/> also unlocks and resets the second factor.</summary>
public enum SupportRole
{
    /// <summary>App role <c>Support.Agent</c>: look up, view, events, end sessions, forget devices, send a reset or activation link.</summary>
    Agent = 1,

    /// <summary>App role <c>Support.Supervisor</c>: everything an agent may, and unlock and reset the second factor.</summary>
    Supervisor = 2,
}

/// <summary>The signed-in support agent of a call, from their Entra ID token: object id, display name, highest role, and the client address.</summary>
public sealed record SupportAgent(string Id, string Name, SupportRole Role, string ClientIp)
{
    /// <summary>The app role names in the token's <c>roles</c> claim.</summary>
    public const string AgentRole = "Support.Agent";

    public const string SupervisorRole = "Support.Supervisor";

    /// <summary>Whether this agent's role covers <paramref name="required"/>.</summary>
    public bool May(SupportRole required) => Role >= required;
}
