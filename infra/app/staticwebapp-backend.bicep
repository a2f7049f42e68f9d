// Links the function app to the static web app as its backend, so requests to
// https://<site>/api/* reach the function app on the site's own origin (no CORS).
// A separate module because the function app needs the site's host name first (Portal__PublicOrigin).

@description('Name of the existing static web app.')
param staticWebAppName string

@description('Resource id of the function app.')
param functionAppId string

@description('Region of the function app.')
param functionAppLocation string

resource staticSite 'Microsoft.Web/staticSites@2024-04-01' existing = {
  name: staticWebAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: staticSite
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}
