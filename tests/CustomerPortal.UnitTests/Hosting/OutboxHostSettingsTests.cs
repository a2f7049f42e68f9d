using System.Text.Json;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.UnitTests.Hosting;

/// <summary>host.json's queue trigger settings and what the app assumes of them stay one and the same.</summary>
public sealed class OutboxHostSettingsTests
{
    [Fact]
    public void HostJson_MaxDequeueCount_IsTheOutboxDefault_AndMessagesAreBase64()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "host.json")));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal(OutboxOptions.DefaultMaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(new OutboxOptions().MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void HostJson_RetriesOfOneMessage_FitInAcsRepeatabilityWindow()
    {
        // Every delivery of a message after the first waits visibilityTimeout: all of them within ACS's 5 minutes of tracking.
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "host.json")));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");
        var visibility = TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var polling = TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True((visibility + polling) * (OutboxOptions.DefaultMaxDequeueCount - 1) < TimeSpan.FromMinutes(4), $"{visibility} + {polling}");
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")) && Directory.Exists(Path.Combine(dir.FullName, "infra")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
