// The sign-in API: a .NET 10 isolated-worker function app on the Flex Consumption plan.
// It signs in to storage, Key Vault, Application Insights and Communication Services with one
// user-assigned identity; no setting holds a key or a connection string with a secret.

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags for the plan and the app.')
param tags object = {}

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Name of the storage account used by the host and the app.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Most instances the app may scale out to (Flex Consumption allows 40-1000). A low cap bounds cost.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// App settings the code reads (see local.settings.sample.json).
@description('Optional prefix for every table name (letters and digits).')
param tablePrefix string

@description('The origin customers use, e.g. https://portal.example.com.')
param publicOrigin string

@description('Further origins allowed to send state-changing requests (comma-separated).')
param allowedOrigins string

@description('Proxies in front of the Functions host whose X-Forwarded-For entry is believed (comma-separated addresses or CIDR ranges); empty trusts only the Functions host itself.')
param trustedProxies string = ''

@description('Id of the active encryption key, e.g. key1.')
param encryptionKeyId string

@description('Ids of earlier encryption keys whose values must stay readable (their secrets stay in Key Vault).')
param previousEncryptionKeyIds array = []

@description('Versionless Key Vault secret URI of an encryption key, without the key id at the end.')
param encryptionKeySecretUriPrefix string

@description('Id of the OpenID Connect signing key that signs now.')
param oidcSigningKeyId string

@description('Ids of other signing keys the JWKS publishes (the next one, or the previous one).')
param oidcOtherSigningKeyIds array = []

@description('Versionless Key Vault secret URI of a signing key, without the key id at the end.')
param oidcSigningKeySecretUriPrefix string

@description('The registered apps (docs/oidc.md): clientId, displayName, type, redirectUris, postLogoutRedirectUris, backChannelLogoutUri, appUrl.')
param oidcClients array = []

@description('Versionless Key Vault secret URI of a confidential app\'s secret, without the client id at the end.')
param oidcClientSecretUriPrefix string

@description('The webhook subscribers (docs/events.md): name, url, events, includeEmail.')
param webhookSubscribers array = []

@description('Versionless Key Vault secret URI of a subscriber\'s signing secret, without the name at the end.')
param webhookSecretUriPrefix string = ''

@description('The ACS phone number SMS is sent from (E.164), or empty until one is bought.')
param smsFrom string

@description('Countries (ISO codes, comma-separated) SMS may be sent to.')
param smsAllowedCountries string

@description('Most SMS messages sent a day, a cost guard.')
param smsDailyBudget int

@description('The Communication Services endpoint, https://<name>.communication.azure.com.')
param acsEndpoint string

@description('The sender of the portal\'s emails, DoNotReply@<the Azure-managed domain>.')
param emailFrom string

@description('How customers reach support (SupportContact__*): the emails\' closing line and the pages\' help footer. The app refuses to start without a phone or an email.')
param supportContact object

@description('The directory (tenant) id of the company\'s Entra ID, whose agents sign in to the support console.')
param supportTenantId string

@description('The application (client) id of the support API\'s app registration (docs/support.md): support tokens must be for it.')
param supportApiAppId string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd deploys the `api` service of azure.yaml to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (@Microsoft.KeyVault(...)) resolve with this identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the worker runtime from here, not from FUNCTIONS_WORKER_RUNTIME.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Encryption__Keys__<id> for the active key and every earlier key still in use: each stored value
// names the key that encrypted it, so old values stay readable after a rotation. The settings are
// Key Vault references; the key itself never appears in app settings or deployment history.
var encryptionKeySettings = toObject(
  union([encryptionKeyId], previousEncryptionKeyIds),
  id => 'Encryption__Keys__${id}',
  id => '@Microsoft.KeyVault(SecretUri=${encryptionKeySecretUriPrefix}${id})'
)

// Oidc__SigningKeys__<id>: the active signing key and the others the JWKS publishes, as Key Vault references.
var oidcSigningKeySettings = toObject(
  union([oidcSigningKeyId], oidcOtherSigningKeyIds),
  id => 'Oidc__SigningKeys__${id}',
  id => '@Microsoft.KeyVault(SecretUri=${oidcSigningKeySecretUriPrefix}${id})'
)

// Oidc__Clients__<n>__*: one group of settings per app; a confidential app's secret is a Key Vault reference (keyvault.bicep
// stores it from the oidcClientSecrets parameter), a public app has none.
var oidcClientIndexes = range(0, length(oidcClients))
var oidcClientSettings = union(
  toObject(oidcClientIndexes, i => 'Oidc__Clients__${i}__ClientId', i => oidcClients[i].clientId),
  toObject(oidcClientIndexes, i => 'Oidc__Clients__${i}__DisplayName', i => oidcClients[i].displayName),
  toObject(oidcClientIndexes, i => 'Oidc__Clients__${i}__Type', i => oidcClients[i].?type ?? 'confidential'),
  toObject(oidcClientIndexes, i => 'Oidc__Clients__${i}__ClientSecret', i => (oidcClients[i].?type ?? 'confidential') == 'public'
    ? ''
    : '@Microsoft.KeyVault(SecretUri=${oidcClientSecretUriPrefix}${replace(replace(oidcClients[i].clientId, '.', '-'), '_', '-')})'),
  toObject(oidcClientIndexes, i => 'Oidc__Clients__${i}__RedirectUris', i => oidcClients[i].redirectUris),
  toObject(oidcClientIndexes, i => 'Oidc__Clients__${i}__PostLogoutRedirectUris', i => oidcClients[i].?postLogoutRedirectUris ?? ''),
  toObject(oidcClientIndexes, i => 'Oidc__Clients__${i}__BackChannelLogoutUri', i => oidcClients[i].?backChannelLogoutUri ?? ''),
  toObject(oidcClientIndexes, i => 'Oidc__Clients__${i}__AppUrl', i => oidcClients[i].?appUrl ?? '')
)

// Webhooks__Subscribers__<name>__*: one group per subscriber; the signing secret is a Key Vault reference (keyvault.bicep stores
// it from the webhookSecrets parameter as webhook-<name>).
var webhookSettings = union(
  toObject(webhookSubscribers, s => 'Webhooks__Subscribers__${s.name}__Url', s => s.url),
  toObject(webhookSubscribers, s => 'Webhooks__Subscribers__${s.name}__Events', s => s.?events ?? ''),
  toObject(webhookSubscribers, s => 'Webhooks__Subscribers__${s.name}__IncludeEmail', s => string(s.?includeEmail ?? false)),
  toObject(webhookSubscribers, s => 'Webhooks__Subscribers__${s.name}__Secret', s => '@Microsoft.KeyVault(SecretUri=${webhookSecretUriPrefix}${s.name})')
)

// This resource replaces all app settings on every deployment: a setting added by hand in the
// portal is gone after the next `azd provision`. Add settings here (or as parameters) instead.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    ...encryptionKeySettings
    ...oidcSigningKeySettings
    ...oidcClientSettings
    ...webhookSettings
    Oidc__ActiveSigningKeyId: oidcSigningKeyId
    // Host storage through the managed identity instead of an account key.
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // Telemetry with Entra authentication (the component has local auth disabled).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // DefaultAzureCredential in the app (tables, ACS) picks the user-assigned identity by this.
    AZURE_CLIENT_ID: identityClientId
    AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
    // Storage__ConnectionString stays unset in Azure: the app then uses TableServiceUri + identity.
    Storage__TableServiceUri: storage.properties.primaryEndpoints.table
    Storage__TablePrefix: tablePrefix
    // The outbox (issue 26): the app writes to this queue of the host's own storage account (AzureWebJobsStorage above),
    // where the queue trigger (%OutboxQueue%) reads it.
    Storage__QueueServiceUri: storage.properties.primaryEndpoints.queue
    OutboxQueue: 'outbox'
    // Events for webhook subscribers (docs/events.md), read by the trigger %EventsQueue%.
    EventsQueue: 'outbox-events'
    // Back-channel logout notices to the OpenID Connect apps, read by the trigger %LogoutQueue%.
    LogoutQueue: 'outbox-logout'
    Portal__PublicOrigin: publicOrigin
    Portal__AllowedOrigins: allowedOrigins
    Portal__TrustedProxies: trustedProxies
    Encryption__ActiveKeyId: encryptionKeyId
    Sms__Provider: 'Acs'
    Sms__From: smsFrom
    Sms__AllowedCountries: smsAllowedCountries
    Sms__DailyBudget: string(smsDailyBudget)
    // Sms__Acs__ConnectionString stays unset in Azure: the endpoint plus managed identity is used.
    Sms__Acs__Endpoint: acsEndpoint
    Email__Provider: 'Acs'
    Email__From: emailFrom
    SupportContact__Phone: supportContact.phone
    SupportContact__Email: supportContact.email
    SupportContact__Hours: supportContact.hours
    SupportContact__HoursFrCA: supportContact.hoursFrCA
    SupportContact__HoursEsUS: supportContact.hoursEsUS
    SupportContact__LiveChatUrl: supportContact.liveChatUrl
    // The same Communication Services resource as SMS, named here rather than left to the Sms__Acs fallback,
    // so the settings say where email goes. Email__Acs__ConnectionString stays unset: managed identity.
    Email__Acs__Endpoint: acsEndpoint
    // The support API's gate (issue 24): agents' Entra ID access tokens, checked against the tenant's metadata.
    Support__Authority: environment().authentication.loginEndpoint
    Support__TenantId: supportTenantId
    Support__ApiAppId: supportApiAppId
  }
}

// No FTP and no publishing with user name and password; deployments use Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = functionApp.id
output name string = functionApp.name
output location string = functionApp.location
output defaultHostName string = functionApp.properties.defaultHostName
