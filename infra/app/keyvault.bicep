// Key Vault for the app's secrets, above all the key that encrypts TOTP secrets and phone
// numbers at rest. RBAC mode only (no access policies); the app reads secrets through
// Key Vault references resolved with its user-assigned identity.

@description('Name of the Key Vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the Key Vault.')
param location string

@description('Tags for the Key Vault.')
param tags object = {}

@description('Id of the encryption key (letters and digits), e.g. key1. Stored values carry this id.')
param encryptionKeyId string

@description('The encryption key: 32 random bytes, base64 (openssl rand -base64 32).')
@secure()
param encryptionKey string

@description('Id of the OpenID Connect signing key that signs now, e.g. sig1.')
param oidcSigningKeyId string

@description('The OpenID Connect signing key: ECDSA P-256, PKCS#8 PEM.')
@secure()
param oidcSigningKey string

@description('The confidential OpenID Connect apps\' secrets, {"<clientId>": "<secret>"}.')
@secure()
param oidcClientSecrets object = {}

@description('The webhook subscribers\' signing secrets, {"<name>": "whsec_<base64>"} (docs/events.md).')
@secure()
param webhookSecrets object = {}

@description('Principal id of the managed identity that reads secrets.')
param principalId string

// Secret names are <prefix><key id>; the function app builds its references from the same prefix.
var encryptionKeySecretPrefix = 'encryption-key-'
var oidcSigningKeySecretPrefix = 'oidc-signing-key-'
// A client id may hold '.' and '_', which secret names may not: both become '-' (function.bicep does the same).
var oidcClientSecretPrefix = 'oidc-client-'
var webhookSecretPrefix = 'webhook-'

// Built-in role: Key Vault Secrets User (read secret values only).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    // Losing the encryption key would make every stored TOTP secret and phone number unreadable,
    // so deleted secrets stay recoverable and cannot be purged early.
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// One secret per key id, so a rotation adds a secret instead of overwriting the old key.
// Secrets of earlier key ids are not in this template any more but stay in the vault
// (deployments are incremental), which keeps old values readable.
resource encryptionKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: '${encryptionKeySecretPrefix}${encryptionKeyId}'
  properties: {
    value: encryptionKey
    contentType: 'base64 AES key for Encryption__Keys__${encryptionKeyId}'
  }
}

// As the encryption key: one secret per key id, so rotating adds the next key and the previous one stays for the JWKS.
resource oidcSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: '${oidcSigningKeySecretPrefix}${oidcSigningKeyId}'
  properties: {
    value: oidcSigningKey
    contentType: 'ECDSA P-256 PKCS#8 PEM for Oidc__SigningKeys__${oidcSigningKeyId}'
  }
}

resource oidcClientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for client in items(oidcClientSecrets): {
  parent: vault
  name: '${oidcClientSecretPrefix}${replace(replace(client.key, '.', '-'), '_', '-')}'
  properties: {
    value: client.value
    contentType: 'client secret of the OpenID Connect app ${client.key}'
  }
}]

resource webhookSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for subscriber in items(webhookSecrets): {
  parent: vault
  name: '${webhookSecretPrefix}${subscriber.key}'
  properties: {
    value: subscriber.value
    contentType: 'Standard Webhooks signing secret of the subscriber ${subscriber.key}'
  }
}]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

output name string = vault.name
// Versionless secret URIs (a new secret version is picked up without redeploying) start with this;
// add the key id. Modules using this output wait for this whole module, the active key's secret included.
output encryptionKeySecretUriPrefix string = '${vault.properties.vaultUri}secrets/${encryptionKeySecretPrefix}'
output oidcSigningKeySecretUriPrefix string = '${vault.properties.vaultUri}secrets/${oidcSigningKeySecretPrefix}'
output oidcClientSecretUriPrefix string = '${vault.properties.vaultUri}secrets/${oidcClientSecretPrefix}'
output webhookSecretUriPrefix string = '${vault.properties.vaultUri}secrets/${webhookSecretPrefix}'
