using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>
/// Every setting the app reads locally (local.settings.sample.json "Values", read at test time so
/// keys added later are checked too) is set on the function app, unless it is documented here as
/// local-only.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class AppSettingsTemplateTests(CompiledTemplate template)
{
    /// <summary>Sample keys that must not be set in Azure, and why.</summary>
    private static readonly IReadOnlyDictionary<string, string> LocalOnly = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Flex Consumption takes the worker runtime from functionAppConfig.runtime; the setting is rejected there.
        ["FUNCTIONS_WORKER_RUNTIME"] = "set by functionAppConfig.runtime",
        // Replaced by AzureWebJobsStorage__accountName/__credential/__clientId (managed identity, no key).
        ["AzureWebJobsStorage"] = "replaced by the AzureWebJobsStorage__* identity settings",
        // Azurite locally; in Azure the app uses Storage__TableServiceUri with managed identity.
        ["Storage__ConnectionString"] = "local only (Azurite)",
        // A fake or key-based ACS locally; in Azure Sms__Acs__Endpoint with managed identity.
        ["Sms__Acs__ConnectionString"] = "local only (managed identity in Azure)",
        // Likewise for email: Email__Acs__Endpoint with managed identity in Azure.
        ["Email__Acs__ConnectionString"] = "local only (managed identity in Azure)",
        // The local host's own address.
        ["LocalHost__Url"] = "local only (LocalHost project)",
        // The local host runs the timer functions itself; in Azure the Functions host does.
        ["LocalHost__RunTimers"] = "local only (LocalHost project)",
        // The local host runs the queue functions itself; in Azure the Functions host does.
        ["LocalHost__RunQueues"] = "local only (LocalHost project)",
        // The local host's stand-in for the Functions host's keys; in Azure the host keeps its own.
        ["LocalHost__FunctionKey"] = "local only (LocalHost project)",
        // Spans and metrics on the console for a local run; in Azure they go to Application Insights.
        ["Telemetry__Console"] = "local only (Application Insights in Azure)",
        ["Telemetry__ConsoleMetricInterval"] = "local only (Application Insights in Azure)",
    }.Concat(CodeDefaults()).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    /// <summary>
    /// Rule numbers (lockouts, lifetimes, limits, timeouts) whose defaults live in the options classes
    /// and hold in Azure too; ops set them only to change a rule. The sample lists them so every setting
    /// the app reads is in one place.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> CodeDefaults() =>
        new[]
        {
            "Storage__NetworkTimeout", "Storage__MaxRetries", "Accounts__ActivationLifetime", "Accounts__EnrolmentLifetime",
            "Passwords__IterationCount", "Passwords__MinLength", "Passwords__MaxLength", "Passwords__MinimumStrengthScore",
            "SignIn__FailuresBeforeLock", "SignIn__FirstLock", "SignIn__MaxLock",
            "Sessions__CookieName", "Sessions__PendingLifetime", "Sessions__FullLifetime", "Sessions__IdleTimeout", "Sessions__LastSeenResolution", "Sessions__MaxPerAccount",
            "Mfa__MaxFailures", "Mfa__FirstLock", "Mfa__MaxLock", "Mfa__MaxSmsCodeFailures",
            "Totp__Issuer", "Totp__SetupLifetime",
            "Sms__CodeLifetime", "Sms__ResendAfter",
            "Sms__MaxSendsPerPhonePerHour", "Sms__MaxSendsPerAccountPerDay", "Sms__MaxSendsPerClientIpPerHour",
            "Sms__Acs__TotalTimeout", "Sms__Acs__AttemptTimeout", "Sms__Acs__MaxRetries",
            "Email__Acs__TotalTimeout", "Email__Acs__AttemptTimeout", "Email__Acs__MaxRetries",
            "Audit__RetentionDays", "Housekeeping__TimeBudget", "Retention__DeleteAfterDays", "Retention__WarningDays",
            "PasswordReset__LinkLifetime", "PasswordReset__MaxRequestsPerEmailPerHour", "PasswordReset__MaxRequestsPerClientIpPerHour",
            "SecurityEmails__MinimumInterval",
            "Oidc__CodeLifetime", "Oidc__AccessTokenLifetime", "Oidc__RefreshTokenLifetime", "Oidc__LogoutTokenLifetime",
        }.Select(key => new KeyValuePair<string, string>(key, "rule number: the options class default applies in Azure"));

    public static TheoryData<string> SampleKeys() => new(LocalSettingsSample.Values().Keys);

    [Theory]
    [MemberData(nameof(SampleKeys))]
    public void Sample_Setting_Is_Set_In_Azure_Or_Documented_As_Local_Only(string sampleKey)
    {
        // Arrange
        var settingNames = template.FunctionAppSettings().Names;

        // Act
        var expected = AzureSettingName(sampleKey);

        // Assert
        if (expected is null)
        {
            Assert.DoesNotContain(sampleKey, settingNames);
        }
        else
        {
            Assert.True(settingNames.Contains(expected), $"The function app does not set {expected} (from sample key {sampleKey}). Set it in infra/app/function.bicep or list it as local-only in {nameof(AppSettingsTemplateTests)}. Set: {string.Join(", ", settingNames)}");
        }
    }

    [Fact]
    public void Every_Local_Only_Setting_Is_Still_In_The_Sample()
    {
        // Arrange: a stale local-only entry would hide nothing, but would mislead the next reader.
        var sampleKeys = LocalSettingsSample.Values().Keys;

        // Act
        var stale = LocalOnly.Keys.Where(key => !sampleKeys.Contains(key)).ToList();

        // Assert
        Assert.Empty(stale);
    }

    /// <summary>
    /// The setting name the template must set for a sample key, or null when the key is local-only.
    /// A key ending in a local encryption key id (e.g. Encryption__Keys__local1, the id being the
    /// sample's Encryption__ActiveKeyId) maps to the Key Vault-referenced Encryption__Keys__{id}, whose
    /// id is a template parameter; in the compiled template that name is format('Encryption__Keys__{0}', …).
    /// </summary>
    private static string? AzureSettingName(string sampleKey)
    {
        if (LocalOnly.ContainsKey(sampleKey))
        {
            return null;
        }

        // The sample's apps (Oidc__Clients__0__ClientId, …): in Azure one group per entry of the oidcClients parameter, whose
        // names are format('Oidc__Clients__{0}__ClientId', index) in the compiled template.
        var client = System.Text.RegularExpressions.Regex.Match(sampleKey, @"^Oidc__Clients__\d+__(?<field>\w+)$");
        if (client.Success)
        {
            return "Oidc__Clients__{0}__" + client.Groups["field"].Value;
        }

        foreach (var localKeyId in LocalKeyIds())
        {
            var suffix = "__" + localKeyId;
            if (sampleKey.EndsWith(suffix, StringComparison.Ordinal))
            {
                return sampleKey[..^localKeyId.Length] + "{0}";
            }
        }

        return sampleKey;
    }

    /// <summary>Key ids used locally: the values of the sample's *__ActiveKeyId settings.</summary>
    private static IEnumerable<string> LocalKeyIds() =>
        LocalSettingsSample.Values()
            .Where(pair => pair.Key.EndsWith("__ActiveKeyId", StringComparison.Ordinal) && pair.Value.Length > 0)
            .Select(pair => pair.Value);
}
