// The static site. Standard sku, because only Standard can link a function app as its /api
// backend (see staticwebapp-backend.bicep); the site and the API then share one origin.

@description('Name of the static web app.')
param name string

@description('Region of the static web app (Static Web Apps run in a few regions only).')
param location string

@description('Tags for the static web app.')
param tags object = {}

resource staticSite 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  // azd deploys the `web` service of azure.yaml to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // azd deploys the files; no GitHub workflow is generated.
    provider: 'Custom'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = staticSite.name
output defaultHostName string = staticSite.properties.defaultHostname
