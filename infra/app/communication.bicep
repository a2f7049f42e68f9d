// Azure Communication Services for SMS. Phone numbers cannot be bought from a template:
// buy one in the portal after the first deployment and pass it as smsFrom (see infra/README.md).

@description('Name of the Communication Services resource.')
param name string

@description('Where ACS stores data at rest, e.g. United States, Europe, UK.')
param dataLocation string

@description('Tags for the resource.')
param tags object = {}

@description('Principal id of the managed identity that sends SMS.')
param principalId string

// Built-in role: Contributor, scoped to this Communication Services resource only.
// ACS has no data-plane "SMS sender" role. The documented way for an Entra identity to use the
// SMS SDK is the Contributor role (quickstart "Authenticate using Microsoft Entra ID",
// learn.microsoft.com/azure/communication-services/quickstarts/identity/service-principal);
// a narrower custom role (CommunicationServices/Read + Write) is only documented for email/SMTP.
// Scoping to this one resource keeps the grant away from everything else in the group.
var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: name
  // Communication Services is a global resource; dataLocation decides where data rests.
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
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
