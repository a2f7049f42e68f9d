namespace CustomerPortal.LocalHost;

/// <summary>
/// One queue-triggered function as the Worker SDK describes it in <c>functions.metadata</c>: <paramref name="QueueName"/> as
/// written (maybe a <c>%setting%</c> expression), <paramref name="Connection"/> the setting naming the storage account.
/// </summary>
public sealed record QueueFunctionMetadata(
    string Name,
    string EntryPoint,
    string ScriptFile,
    string QueueName,
    string Connection);
