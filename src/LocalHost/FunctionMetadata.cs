namespace CustomerPortal.LocalHost;

/// <summary>One HTTP-triggered function as the Worker SDK describes it in <c>functions.metadata</c>.</summary>
public sealed record FunctionMetadata(
    string Name,
    string EntryPoint,
    string ScriptFile,
    string Route,
    IReadOnlyList<string> Methods,
    string AuthLevel);
