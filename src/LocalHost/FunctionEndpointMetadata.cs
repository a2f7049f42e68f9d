namespace CustomerPortal.LocalHost;

/// <summary>Endpoint metadata naming the function an <c>/api</c> route dispatches to, and its declared auth level.</summary>
public sealed record FunctionEndpointMetadata(string FunctionName, string AuthLevel);
