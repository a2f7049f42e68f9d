// What wakes ops up: an action group (email) and the alerts of the README's "Operations" section. The SMS, lock and
// error alerts are log queries over Application Insights (the app's own metrics arrive in customMetrics, named as in
// src/Functions/Telemetry/PortalMetrics.cs); /api/health is probed by a standard availability test from five regions.

@description('Name of the Application Insights component the alerts read.')
param applicationInsightsName string

@description('Azure region of the Application Insights component; the log alerts and the availability test live there.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Email address the alerts go to; empty creates the action group without a receiver (alerts still show in the portal).')
param opsEmail string

@description('The health endpoint customers reach, e.g. https://portal.example.com/api/health.')
param healthUrl string

@description('Prefix of every alert name, so two environments in one subscription stay apart.')
param namePrefix string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-ops'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'portal-ops'
    enabled: true
    emailReceivers: empty(opsEmail) ? [] : [
      {
        name: 'ops-email'
        emailAddress: opsEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each log alert: a query whose measure column is summed (or maximised) over the window and compared with a threshold.
var logAlerts = [
  {
    name: 'sms-send-failures'
    displayName: 'SMS: 5 or more texts failed in 10 minutes'
    description: 'The SMS provider refused or did not answer 5 or more verification texts in 10 minutes (portal.sms.messages, outcome failed). Customers cannot get SMS codes. See README, Operations.'
    severity: 1
    windowSize: 'PT10M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "portal.sms.messages" and tostring(customDimensions["outcome"]) == "failed" | project timestamp, failures = valueSum'
    measure: 'failures'
    aggregation: 'Total'
    threshold: 5
  }
  {
    name: 'sms-budget-80'
    displayName: 'SMS: 80% of today\'s budget used'
    description: 'Texts sent today have reached 80% of Sms__DailyBudget (portal.sms.budget.used); at 100% no code is sent until midnight UTC. Check for SMS pumping before raising the budget. See README, Operations.'
    severity: 2
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "portal.sms.budget.used" | project timestamp, used = valueMax'
    measure: 'used'
    aggregation: 'Maximum'
    threshold: json('0.8')
  }
  {
    name: 'second-factor-lock-burst'
    displayName: 'Sign-in: 20 or more second-factor locks in 15 minutes'
    description: '20 or more accounts had their second factor locked after 5 wrong codes within 15 minutes (portal.locks, kind second_factor): likely someone guessing codes with stolen passwords. See README, Operations.'
    severity: 2
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "portal.locks" and tostring(customDimensions["kind"]) == "second_factor" | project timestamp, locks = valueSum'
    measure: 'locks'
    aggregation: 'Total'
    threshold: 20
  }
  {
    name: 'sign-in-throttling'
    displayName: 'Sign-in: 50 or more sign-ins refused or challenged in 15 minutes'
    description: 'The sign-in throttle refused (429 too_many_attempts, portal.sign_ins.refused) or served a proof-of-work challenge (portal.challenges, outcome served) 50 or more times in 15 minutes: credential stuffing against the portal, or a busy network shared by many customers. See README, Operations.'
    severity: 2
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "portal.sign_ins.refused" or (name == "portal.challenges" and tostring(customDimensions["outcome"]) == "served") | project timestamp, throttled = valueSum'
    measure: 'throttled'
    aggregation: 'Total'
    threshold: 50
  }
  {
    name: 'outbox-poisoned'
    displayName: 'Email: a message went to the poison queue'
    description: 'An outbox email failed its 5th delivery and the Functions host moved it to the outbox-poison queue (portal.outbox.poisoned): a customer did not get a reset link or a security notice. See README, Operations.'
    severity: 1
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "portal.outbox.poisoned" | project timestamp, poisoned = valueSum'
    measure: 'poisoned'
    aggregation: 'Total'
    threshold: 1
  }
  {
    name: 'webhook-dead-lettered'
    displayName: 'Events: a webhook delivery was dead-lettered'
    description: 'A subscriber did not take an event for its whole retry schedule (24 hours and more) and the delivery went to the outbox-events-deadletter queue (portal.webhooks, outcome dead_lettered): the insurer\'s system missed an event. See docs/events.md.'
    severity: 2
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "portal.webhooks" and tostring(customDimensions["outcome"]) == "dead_lettered" | project timestamp, deadLettered = valueSum'
    measure: 'deadLettered'
    aggregation: 'Total'
    threshold: 1
  }
  {
    name: 'server-errors'
    displayName: 'API: 5 or more server errors in 5 minutes'
    description: '5 or more /api requests answered 5xx in 5 minutes: unexpected_error (500), storage_unavailable, sms_send_failed or sms_budget_exhausted (503). See README, Operations.'
    severity: 1
    windowSize: 'PT5M'
    evaluationFrequency: 'PT5M'
    query: 'requests | where toint(resultCode) >= 500 | project timestamp, errors = itemCount'
    measure: 'errors'
    aggregation: 'Total'
    threshold: 5
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in logAlerts: {
    name: '${namePrefix}-${alert.name}'
    location: location
    tags: tags
    properties: {
      displayName: alert.displayName
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: alert.evaluationFrequency
      windowSize: alert.windowSize
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: alert.aggregation
            metricMeasureColumn: alert.measure
            operator: 'GreaterThanOrEqual'
            threshold: alert.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

// A standard test: GET /api/health every 5 minutes from five regions; healthy is 200 (503 means storage is down).
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${namePrefix}-health'
  location: location
  // Links the test to the component, as the portal does.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}-health'
    Name: 'GET /api/health'
    Description: 'The portal answers and reaches Table Storage.'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'us-va-ash-azr' }
      { Id: 'us-ca-sjc-azr' }
      { Id: 'us-il-ch1-azr' }
      { Id: 'emea-nl-ams-azr' }
      { Id: 'apac-sg-sin-azr' }
    ]
    Request: {
      RequestUrl: healthUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 14
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-health-failing'
  location: 'global'
  tags: tags
  properties: {
    description: '/api/health failed from 2 or more of 5 regions: the portal is down or cannot reach Table Storage. See README, Operations.'
    severity: 0
    enabled: true
    scopes: [
      healthTest.id
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsights.id
      failedLocationCount: 2
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

output actionGroupId string = actionGroup.id
