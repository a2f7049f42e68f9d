// Customer Portal sign-in service on Azure: `azd up` deploys this file (see infra/README.md).
// Creates one resource group with: a user-assigned identity, storage, Key Vault, Communication
// Services with an Email Communication Service (Azure-managed domain), Log Analytics + Application
// Insights (with the ops alerts, an availability test of /api/health and a workbook), a Flex Consumption
// function app and a Static Web App whose /api is the function app.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@description('Region for all resources except the Static Web App. Must offer Flex Consumption.')
param location string

@description('Region of the Static Web App (a few regions only).')
@allowed(['centralus', 'eastus2', 'eastasia', 'westeurope', 'westus2'])
param staticWebAppLocation string = 'eastus2'

@description('Resource group name; empty for rg-<environmentName>.')
param resourceGroupName string = ''

@description('Id of the active encryption key (letters and digits). The app setting is Encryption__Keys__<id>.')
@minLength(1)
@maxLength(32)
param encryptionKeyId string = 'key1'

@description('The active encryption key: 32 random bytes, base64 (openssl rand -base64 32).')
@secure()
@minLength(44)
param encryptionKey string

@description('Ids of earlier encryption keys, comma-separated, still needed to read stored values. See README: rotating the key.')
param encryptionPreviousKeyIds string = ''

@description('Where Communication Services keeps data at rest.')
param acsDataLocation string = 'United States'

@description('ACS phone number SMS is sent from, E.164 (+18005550100). Empty until one is bought; see README.')
param smsFrom string = ''

@description('Countries SMS may be sent to (ISO 3166 codes, comma-separated).')
param smsAllowedCountries string = 'US,CA'

@description('Most SMS messages sent a day (cost guard).')
@minValue(0)
param smsDailyBudget int = 1000

@description('The support phone as customers dial it, e.g. "+1 800 555 0199": the emails\' closing line and the pages\' help footer. A phone or an email is required: the app refuses to start without both.')
param supportPhone string = ''

@description('The support email address, e.g. "support@example.com".')
param supportEmail string = ''

@description('When support answers, in English words, e.g. "Monday to Friday, 8 am to 8 pm Eastern time"; empty: not said. With it set, supportHoursFrCA and supportHoursEsUS are required.')
param supportHours string = ''

@description('The same hours in French (Canada).')
param supportHoursFrCA string = ''

@description('The same hours in Spanish (United States).')
param supportHoursEsUS string = ''

@description('The pages\' "Chat with us live" link (https://); empty: none.')
param supportLiveChatUrl string = ''

@description('The directory (tenant) id of the company\'s Entra ID, whose support agents sign in to the console (docs/support.md).')
@minLength(1)
param supportTenantId string

@description('The application (client) id of the support API\'s app registration, with app roles Support.Agent and Support.Supervisor (docs/support.md).')
@minLength(1)
param supportApiAppId string

@description('The application (client) id of the support console\'s app registration (a single-page app, redirect URI {site}/support/).')
@minLength(1)
param supportConsoleClientId string

@description('Custom domain of the portal, e.g. portal.example.com; empty to use the Static Web App host name.')
param customDomain string = ''

@description('Further origins allowed to send state-changing requests (comma-separated), e.g. while moving domains.')
param allowedOrigins string = ''

@description('Proxies in front of the Functions host whose X-Forwarded-For entry is believed (comma-separated addresses or CIDR ranges). See docs/security-rules.md B4.')
param trustedProxies string = ''

@description('Optional prefix for every table name (letters and digits), to share one storage account.')
param tablePrefix string = ''

@description('Email address the operations alerts go to (see README, Operations); empty sends none.')
param opsEmail string = ''

// The OpenID Connect provider (issue 22, docs/oidc.md). Its signing keys and the confidential apps' secrets live in Key Vault;
// the app settings are Key Vault references. See infra/README.md: the signing key, its rotation, registering an app.
@description('Id of the signing key that signs id tokens now (letters, digits, -, _). The app setting is Oidc__SigningKeys__<id>.')
@minLength(1)
@maxLength(32)
param oidcSigningKeyId string = 'sig1'

@description('The active signing key: an ECDSA P-256 private key, PKCS#8 PEM (ES256). See infra/README.md.')
@secure()
@minLength(100)
param oidcSigningKey string

@description('Ids of other signing keys published in the JWKS, comma-separated: the next key before it signs, the previous one until its tokens expire. Their secrets (oidc-signing-key-<id>) are in Key Vault already.')
param oidcOtherSigningKeyIds string = ''

@description('The apps that sign customers in, as JSON: [{"clientId", "displayName", "type" (confidential or public), "redirectUris", "postLogoutRedirectUris", "backChannelLogoutUri", "appUrl"}]. See docs/oidc.md.')
param oidcClients string = '[]'

@description('The insurer\'s systems that receive events by webhook, as JSON: [{"name" (letters, digits, hyphens), "url" (https), "events" (comma-separated types; empty: all), "includeEmail" (true: events carry the customer\'s email)}]. See docs/events.md.')
param webhookSubscribers string = '[]'

@description('The subscribers\' signing secrets as JSON, {"<name>": "whsec_<base64 of 32 random bytes>"}; each goes to Key Vault as webhook-<name>.')
@secure()
param webhookSecrets string = ''

@description('The confidential apps\' secrets as JSON, {"<clientId>": "<secret of 32 characters or more>"}; each goes to Key Vault as oidc-client-<clientId>.')
@secure()
param oidcClientSecrets string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
// Flex Consumption deploys from a blob container; one per app keeps packages apart.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    principalId: identity.outputs.principalId
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    encryptionKeyId: encryptionKeyId
    encryptionKey: encryptionKey
    oidcSigningKeyId: oidcSigningKeyId
    oidcSigningKey: oidcSigningKey
    oidcClientSecrets: empty(oidcClientSecrets) ? {} : json(oidcClientSecrets)
    webhookSecrets: empty(webhookSecrets) ? {} : json(webhookSecrets)
    principalId: identity.outputs.principalId
  }
}

module communication 'app/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    name: '${abbrs.communicationServices}${resourceToken}'
    emailServiceName: '${abbrs.communicationEmailServices}${resourceToken}'
    dataLocation: acsDataLocation
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module staticWebApp 'app/staticwebapp.bicep' = {
  name: 'staticwebapp'
  scope: rg
  params: {
    name: '${abbrs.webStaticSites}${resourceToken}'
    location: staticWebAppLocation
    tags: tags
  }
}

// Activation links and the SMS Web OTP line use this origin, so it is the one customers see.
var publicOrigin = !empty(customDomain) ? 'https://${customDomain}' : 'https://${staticWebApp.outputs.defaultHostName}'

module functionApp 'app/function.bicep' = {
  name: 'function'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    tablePrefix: tablePrefix
    publicOrigin: publicOrigin
    allowedOrigins: allowedOrigins
    trustedProxies: trustedProxies
    encryptionKeyId: encryptionKeyId
    previousEncryptionKeyIds: filter(map(split(encryptionPreviousKeyIds, ','), id => trim(id)), id => !empty(id))
    encryptionKeySecretUriPrefix: keyVault.outputs.encryptionKeySecretUriPrefix
    oidcSigningKeyId: oidcSigningKeyId
    oidcOtherSigningKeyIds: filter(map(split(oidcOtherSigningKeyIds, ','), id => trim(id)), id => !empty(id))
    oidcSigningKeySecretUriPrefix: keyVault.outputs.oidcSigningKeySecretUriPrefix
    oidcClients: json(empty(oidcClients) ? '[]' : oidcClients)
    oidcClientSecretUriPrefix: keyVault.outputs.oidcClientSecretUriPrefix
    webhookSubscribers: json(empty(webhookSubscribers) ? '[]' : webhookSubscribers)
    webhookSecretUriPrefix: keyVault.outputs.webhookSecretUriPrefix
    smsFrom: smsFrom
    smsAllowedCountries: smsAllowedCountries
    smsDailyBudget: smsDailyBudget
    acsEndpoint: communication.outputs.endpoint
    emailFrom: communication.outputs.emailFrom
    supportContact: {
      phone: supportPhone
      email: supportEmail
      hours: supportHours
      hoursFrCA: supportHoursFrCA
      hoursEsUS: supportHoursEsUS
      liveChatUrl: supportLiveChatUrl
    }
    supportTenantId: supportTenantId
    supportApiAppId: supportApiAppId
  }
}

// Alerts (SMS failures, SMS budget, second-factor lock bursts, server errors, /api/health) and the ops workbook.
module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    location: location
    tags: tags
    opsEmail: opsEmail
    healthUrl: '${publicOrigin}/api/health'
    namePrefix: 'portal-${environmentName}'
  }
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    location: location
    tags: tags
    displayName: 'Customer Portal sign-in (${environmentName})'
  }
}

module staticWebAppBackend 'app/staticwebapp-backend.bicep' = {
  name: 'staticwebapp-backend'
  scope: rg
  params: {
    staticWebAppName: staticWebApp.outputs.name
    functionAppId: functionApp.outputs.id
    functionAppLocation: functionApp.outputs.location
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STATIC_WEB_APP_NAME string = staticWebApp.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_COMMUNICATION_SERVICES_NAME string = communication.outputs.name
output AZURE_EMAIL_SERVICE_NAME string = communication.outputs.emailServiceName
output EMAIL_FROM string = communication.outputs.emailFrom
output PORTAL_PUBLIC_ORIGIN string = publicOrigin

// The support console's sign-in (docs/support.md): azure.yaml's predeploy hook (scripts/write-console-config.mjs) writes these
// into supportConsole in src/StaticSite/config.json before the site is deployed, as the console reads its tenant and app ids there.
output SUPPORT_TENANT_ID string = supportTenantId
output SUPPORT_API_APP_ID string = supportApiAppId
output SUPPORT_CONSOLE_CLIENT_ID string = supportConsoleClientId
