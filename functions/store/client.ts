import { TableClient, type TableServiceClientOptions } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";
import { settings } from "../lib/settings.ts";

let client: TableClient | null = null;
let ensured: Promise<void> | null = null;

function options(): TableServiceClientOptions {
  const s = settings();
  // Few, short retries: a caller who sees 503 + Retry-After retries with its idempotency key,
  // which is cheaper than holding a function instance while storage is down.
  return {
    allowInsecureConnection: !!s.connectionString && /https?:\/\/(127\.0\.0\.1|localhost)|UseDevelopmentStorage/.test(s.connectionString),
    retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 },
  };
}

/** The single table every entity lives in (see DESIGN.md, Storage). */
export function table(): TableClient {
  if (client) return client;
  const s = settings();
  if (s.connectionString) client = TableClient.fromConnectionString(s.connectionString, s.tableName, options());
  else if (s.tablesEndpoint) client = new TableClient(s.tablesEndpoint, s.tableName, new DefaultAzureCredential(), options());
  else throw new Error("No storage configured: set HTCT_TABLES_CONNECTION (or AzureWebJobsStorage) or HTCT_TABLES_ENDPOINT");
  return client;
}

/** Creates the table once per instance; Bicep creates it in Azure, Azurite needs it locally. */
export async function ready(): Promise<TableClient> {
  const t = table();
  ensured ??= t.createTable().catch((e: unknown) => {
    ensured = null;
    throw e;
  });
  await ensured;
  return t;
}
