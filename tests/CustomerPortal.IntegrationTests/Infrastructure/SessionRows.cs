using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>Reads the session row a client's cookie names, straight from Table Storage, for tests of what a session records.</summary>
public static class SessionRows
{
    public static async Task<SessionEntity> OfAsync(PortalTestHost host, PortalClient client)
    {
        Assert.True(AccountToken.TryParse(client.SessionCookie, out var cookie), "the client holds no session cookie");
        var table = await host.Services.GetRequiredService<PortalTables>().GetAsync(TableNames.Accounts);
        var row = await table.GetEntityAsync<SessionEntity>(cookie.AccountId, SessionEntity.RowPrefix + SecureTokens.Hash(cookie.Secret));
        return row.Value;
    }

    /// <summary>The account id a client's session cookie names.</summary>
    public static string AccountOf(PortalClient client)
    {
        Assert.True(AccountToken.TryParse(client.SessionCookie, out var cookie), "the client holds no session cookie");
        return cookie.AccountId;
    }
}
