namespace CustomerPortal.LocalHost;

/// <summary>One timer-triggered function as the Worker SDK describes it in <c>functions.metadata</c>.</summary>
public sealed record TimerFunctionMetadata(
    string Name,
    string EntryPoint,
    string ScriptFile,
    string Schedule,
    bool RunOnStartup);
