// The ops dashboard: an Application Insights workbook with sign-ins, the method mix, SMS sent and refused, the budget,
// locks, latency and housekeeping, read from the app's own metrics (customMetrics) and its requests.

@description('Name of the Application Insights component the workbook reads.')
param applicationInsightsName string

@description('Azure region of the workbook.')
param location string

@description('Tags for the workbook.')
param tags object = {}

@description('Display name of the workbook in the portal.')
param displayName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// The panels: a KQL query over the component each, its chart, and how many days back it looks.
var panels = [
  {
    name: 'sign-ins'
    title: 'Password sign-ins by result'
    query: 'customMetrics | where name == "portal.sign_ins" | summarize sum(valueSum) by result = tostring(customDimensions.result), bin(timestamp, 1h)'
    visualization: 'timechart'
    days: 1
  }
  {
    name: 'method-mix'
    title: 'Second factor used to sign in (method mix)'
    query: 'customMetrics | where name == "portal.mfa.verifications" and tostring(customDimensions.purpose) == "sign_in" and tostring(customDimensions.result) == "succeeded" | summarize sum(valueSum) by method = tostring(customDimensions.method)'
    visualization: 'piechart'
    days: 7
  }
  {
    name: 'codes'
    title: 'Second-factor codes by method, purpose and result'
    query: 'customMetrics | where name == "portal.mfa.verifications" | summarize codes = sum(valueSum) by method = tostring(customDimensions.method), purpose = tostring(customDimensions.purpose), result = tostring(customDimensions.result) | order by codes desc'
    visualization: 'table'
    days: 1
  }
  {
    name: 'setups'
    title: 'Setups started and completed, by method'
    query: 'customMetrics | where name == "portal.mfa.setups" | summarize sum(valueSum) by method = tostring(customDimensions.method), stage = tostring(customDimensions.stage)'
    visualization: 'barchart'
    days: 7
  }
  {
    name: 'sms'
    title: 'Texts sent, failed and refused (with the reason)'
    query: 'customMetrics | where name == "portal.sms.messages" | extend outcome = strcat(tostring(customDimensions.outcome), " ", tostring(customDimensions.reason)) | summarize sum(valueSum) by outcome, bin(timestamp, 1h)'
    visualization: 'timechart'
    days: 1
  }
  {
    name: 'sms-budget'
    title: 'Share of the daily SMS budget used (alert at 0.8)'
    query: 'customMetrics | where name == "portal.sms.budget.used" | summarize used = max(valueMax) by bin(timestamp, 15m)'
    visualization: 'linechart'
    days: 2
  }
  {
    name: 'locks'
    title: 'Locks started, by kind (alert at 20 second-factor locks in 15 minutes)'
    query: 'customMetrics | where name == "portal.locks" | summarize sum(valueSum) by kind = tostring(customDimensions.kind), bin(timestamp, 15m)'
    visualization: 'timechart'
    days: 1
  }
  {
    name: 'latency'
    title: 'API latency in ms: median, 95th and 99th percentile'
    query: 'requests | summarize percentiles(duration, 50, 95, 99) by bin(timestamp, 15m)'
    visualization: 'timechart'
    days: 1
  }
  {
    name: 'status'
    title: 'API answers by status'
    query: 'requests | summarize count() by resultCode, bin(timestamp, 1h)'
    visualization: 'timechart'
    days: 1
  }
  {
    name: 'housekeeping'
    title: 'Housekeeping: rows deleted and values cleared, by kind'
    query: 'customMetrics | where name == "portal.housekeeping.removed" | summarize removed = sum(valueSum) by kind = tostring(customDimensions.kind) | order by removed desc'
    visualization: 'table'
    days: 7
  }
]

var workbook = {
  version: 'Notebook/1.0'
  isLocked: false
  fallbackResourceIds: [
    applicationInsights.id
  ]
  items: concat(
    [
      {
        type: 1
        name: 'about'
        content: {
          json: '## Customer Portal sign-in\nThe app\'s own metrics (meter `CustomerPortal`) and its requests. What each alert means and what to do: the README\'s **Operations** section.'
        }
      }
    ],
    map(panels, panel => {
      type: 3
      name: panel.name
      content: {
        version: 'KqlItem/1.0'
        title: panel.title
        query: panel.query
        size: 0
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: panel.visualization
        timeContext: {
          durationMs: panel.days * 86400000
        }
      }
    })
  )
}

resource dashboard 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(applicationInsights.id, 'customer-portal-operations')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string(workbook)
  }
}

output workbookId string = dashboard.id
