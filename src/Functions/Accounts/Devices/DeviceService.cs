using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Telemetry;

namespace CustomerPortal.Functions.Accounts.Devices;

/// <summary>
/// The customer's remembered devices: listing them, and every remember and forget with its audit row and metric
/// (<c>portal.devices.remembered</c>, <c>portal.devices.forgotten</c> by reason).
/// </summary>
public sealed class DeviceService(DeviceStore store, AuditLog audit, PortalMetrics metrics, TimeProvider time)
{
    /// <summary>The live remembered devices of the account, newest first; <c>current</c> is the one whose cookie came with the request.</summary>
    public async Task<IReadOnlyList<DeviceView>> ListAsync(string accountId, AccountToken? cookie, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = cookie is { } presented && presented.AccountId == accountId ? DeviceStore.RowKeyOf(presented) : null;
        var rows = await store.ListAsync(accountId, cancellationToken);
        return [.. rows
            .Where(row => now < row.ExpiresAt)
            .OrderByDescending(row => row.CreatedAt)
            .Select(row => new DeviceView(row.Id, row.Name, row.CreatedAt, row.LastUsedAt, row.RowKey == current))];
    }

    /// <summary>
    /// After a device was remembered (in the account change that proved the second factor): audits it, forgets the device the
    /// request's old cookie named (the browser holds one cookie), and forgets the oldest beyond <see cref="DeviceRules.MaxPerAccount"/>.
    /// </summary>
    public async Task RememberedAsync(string accountId, AccountToken cookie, AccountToken? replaced, string clientIp, CancellationToken cancellationToken)
    {
        metrics.DeviceRemembered();
        await audit.WriteAsync(accountId, AuditEvents.DeviceRemembered, clientIp, null, cancellationToken);

        var kept = DeviceStore.RowKeyOf(cookie);
        var rows = await store.ListAsync(accountId, cancellationToken);
        var old = replaced is { } previous && previous.AccountId == accountId ? DeviceStore.RowKeyOf(previous) : null;
        var others = rows.Where(row => row.RowKey != kept).ToList();
        await ForgetAsync(accountId, others.Where(row => row.RowKey == old), DeviceForgetReasons.Replaced, clientIp, cancellationToken);

        // Listed after this request's own insert, so of parallel remembers the last to list trims to the limit.
        var left = others.Where(row => row.RowKey != old).OrderByDescending(row => row.CreatedAt).ToList();
        await ForgetAsync(accountId, left.Skip(DeviceRules.MaxPerAccount - 1), DeviceForgetReasons.Limit, clientIp, cancellationToken);
    }

    /// <summary>Forgets the account's device with <paramref name="id"/>; false when it has none (another account's id included).</summary>
    public async Task<bool> ForgetAsync(string accountId, string id, string clientIp, CancellationToken cancellationToken)
    {
        if (id.Length != DeviceRules.IdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        var rows = await store.ListAsync(accountId, cancellationToken);
        var matches = rows.Where(row => row.Id == id && time.GetUtcNow() < row.ExpiresAt).ToList();
        return await ForgetAsync(accountId, matches, DeviceForgetReasons.Customer, clientIp, cancellationToken) > 0;
    }

    /// <summary>
    /// Forgets every device of the account but <paramref name="keep"/> (a device this same request remembered), for
    /// <paramref name="reason"/> (one of <see cref="DeviceForgetReasons"/>); answers how many.
    /// </summary>
    public async Task<int> ForgetAllAsync(string accountId, string reason, string clientIp, CancellationToken cancellationToken, AccountToken? keep = null)
    {
        var kept = keep is { } device ? DeviceStore.RowKeyOf(device) : null;
        var rows = await store.ListAsync(accountId, cancellationToken);
        return await ForgetAsync(accountId, rows.Where(row => row.RowKey != kept), reason, clientIp, cancellationToken);
    }

    private async Task<int> ForgetAsync(string accountId, IEnumerable<DeviceEntity> devices, string reason, string clientIp, CancellationToken cancellationToken)
    {
        var forgotten = await store.ForgetAsync(devices, cancellationToken);
        if (forgotten > 0)
        {
            metrics.DevicesForgotten(reason.Replace('-', '_'), forgotten);
            var detail = forgotten == 1 ? reason : $"{reason}:{forgotten}";
            await audit.WriteAsync(accountId, AuditEvents.DeviceForgotten, clientIp, detail, cancellationToken);
        }

        return forgotten;
    }
}

/// <summary>One remembered device in <c>GET /api/me/devices</c>.</summary>
public sealed record DeviceView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, bool Current);

/// <summary>Why devices were forgotten: the audit detail and (with <c>_</c>) the <c>reason</c> of <c>portal.devices.forgotten</c>.</summary>
public static class DeviceForgetReasons
{
    public const string Customer = "customer";
    public const string Failures = "failures";
    public const string Limit = "limit";
    public const string Replaced = "replaced";
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string MethodRemoved = "method-removed";
    public const string MethodReplaced = "method-replaced";
    public const string Support = "support";
}
