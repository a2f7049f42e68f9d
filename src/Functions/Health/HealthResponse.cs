namespace CustomerPortal.Functions.Health;

/// <summary>The body of a healthy <c>GET /api/health</c>.</summary>
public sealed record HealthResponse(string Status, string Version, string Storage);
