// Azure Communication Services for SMS and email. Phone numbers cannot be bought from a template:
// buy one in the portal after the first deployment and pass it as smsFrom (see infra/README.md).
// Email goes out from an Azure-managed domain (<guid>.azurecomm.net) of an Email Communication
// Service, linked here to the Communication Services resource that the app sends through.

@description('Name of the Communication Services resource.')
param name string

@description('Name of the Email Communication Service that holds the sending domain.')
param emailServiceName string

@description('Where ACS stores data at rest, e.g. United States, Europe, UK. The email service uses the same: a domain links only to a resource with its data location.')
param dataLocation string

@description('Tags for the resources.')
param tags object = {}

@description('Principal id of the managed identity that sends SMS and email.')
param principalId string

// Built-in role: Contributor, scoped to this Communication Services resource only.
// ACS has no data-plane "SMS sender" role. The documented way for an Entra identity to use the
// SMS SDK is the Contributor role (quickstart "Authenticate using Microsoft Entra ID",
// learn.microsoft.com/azure/communication-services/quickstarts/identity/service-principal);
// a narrower custom role (CommunicationServices/Read + Write) is only documented for email/SMTP.
// Scoping to this one resource keeps the grant away from everything else in the group.
// Email is sent through this same resource (POST {endpoint}/emails:send), so this one grant covers
// it too; the email service and its domain need no role for sending.
var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  // Like Communication Services, a global resource; dataLocation decides where data rests.
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

// An Azure-managed domain must be named AzureManagedDomain. It needs no DNS records and comes with
// the sender DoNotReply@<mailFromSenderDomain>. Engagement tracking stays off: it would rewrite the
// links in our emails (password-reset links included).
resource emailDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: name
  // Communication Services is a global resource; dataLocation decides where data rests.
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    // Only a linked domain's addresses may be used as an email's senderAddress.
    linkedDomains: [
      emailDomain.id
    ]
  }
}

resource smsSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, principalId, contributorRoleId)
  scope: communication
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId)
  }
}

output name string = communication.name
output endpoint string = 'https://${communication.properties.hostName}'
output emailServiceName string = emailService.name
// The sender every Azure-managed domain has; other user names must be added as sender usernames.
output emailFrom string = 'DoNotReply@${emailDomain.properties.mailFromSenderDomain}'
