using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Oidc;

/// <summary>Sends what the logout queue holds (app setting <c>LogoutQueue</c>, in the host's own storage account; see <see cref="BackChannelLogouts"/>).</summary>
public sealed class BackChannelLogoutFunction(BackChannelLogouts logouts)
{
    [Function(nameof(SendBackChannelLogout))]
    public Task SendBackChannelLogout([QueueTrigger("%LogoutQueue%")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return logouts.SendAsync(message.MessageText, message.DequeueCount, cancellationToken);
    }
}
