// HTCT indicators: Flex Consumption function app + storage account, identity-based only.
// The app's system-assigned identity holds Storage Table Data Contributor (the API's table) and
// Storage Blob Data Owner (the deployment container and the host's own blobs); shared keys are off.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names.')
param appName string = 'htct'
param location string = resourceGroup().location
@description('Origin of the Excel task pane (CORS), e.g. https://addin.example.org. Required: no default, so a deployment never allows a developer\'s localhost.')
param addinOrigin string
@description('Entra ID tenant that issues tokens to the add-in.')
param tenantId string = subscription().tenantId
@description('Application ID URI or client id the tokens are issued for (aud claim).')
param apiAudience string
@description('NCRONTAB (UTC) of the nightly consolidation.')
param consolidationSchedule string = '0 0 2 * * *'
param periodGraceDays int = 15

var suffix = uniqueString(resourceGroup().id, appName)
var storageName = toLower('st${take(appName, 10)}${suffix}')
var deploymentContainer = 'app-package'
var tableName = 'htct'
var backupContainerName = 'htct-backups'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
}

// The nightly job writes each province's backup here (htct restore reads the blobs as they are).
resource backupContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: backupContainerName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: tableName
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${appName}-${suffix}'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${appName}-${suffix}'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id, DisableLocalAuth: true }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${appName}-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${appName}-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'node', version: '20' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: { allowedOrigins: [ addinOrigin ], supportCredentials: false }
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'HTCT_TABLES_ENDPOINT', value: storage.properties.primaryEndpoints.table }
        { name: 'HTCT_TABLE_NAME', value: tableName }
        { name: 'AUTH_MODE', value: 'entra' }
        { name: 'AUTH_ISSUER', value: '${environment().authentication.loginEndpoint}${tenantId}/v2.0' }
        { name: 'AUTH_AUDIENCE', value: apiAudience }
        { name: 'AUTH_JWKS_URI', value: '${environment().authentication.loginEndpoint}${tenantId}/discovery/v2.0/keys' }
        { name: 'CONSOLIDATION_SCHEDULE', value: consolidationSchedule }
        { name: 'PERIOD_GRACE_DAYS', value: string(periodGraceDays) }
        { name: 'IDEMPOTENCY_RETENTION_DAYS', value: '7' }
        { name: 'HTCT_BACKUP_CONTAINER', value: backupContainerName }
        { name: 'HTCT_BACKUP_BLOB_ENDPOINT', value: storage.properties.primaryEndpoints.blob }
      ]
    }
  }
}

// Built-in role definition ids.
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var blobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, tableDataContributor)
  scope: storage
  properties: { principalId: app.identity.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor) }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, blobDataOwner)
  scope: storage
  properties: { principalId: app.identity.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataOwner) }
}

resource metricsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, monitoringMetricsPublisher)
  scope: insights
  properties: { principalId: app.identity.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher) }
}

output functionAppName string = app.name
output apiBaseUrl string = 'https://${app.properties.defaultHostName}/api'
output storageAccountName string = storage.name
