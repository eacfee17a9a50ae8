/**
 * App settings, read once from the environment (Azure app settings, or local.settings.json
 * Values loaded by the local host). Names match infra/main.bicep and local.settings.example.json.
 */
export interface Settings {
  tableName: string;
  /** A connection string (Azurite locally); wins over `tablesEndpoint`. */
  connectionString: string | null;
  /** https://<account>.table.core.windows.net, used with DefaultAzureCredential. */
  tablesEndpoint: string | null;
  auth:
    | { mode: "dev"; issuer: string; audience: string; keyDir: string }
    | { mode: "entra"; issuer: string; audience: string; jwksUri: string };
  /** Days after a period ends before a report is late. */
  graceDays: number;
  retryAfterSeconds: number;
  /** Days an idempotency key is honoured at least; consolidation deletes older records. */
  idempotencyRetentionDays: number;
  /** Storage calls give up after this many milliseconds per attempt, so callers get a prompt 503. */
  storageTimeoutMs: number;
}

export const DEV_ISSUER = "https://htct.local/dev-issuer";
export const DEV_AUDIENCE = "api://htct-indicators";

let cached: Settings | null = null;

function looksLikeConnectionString(v: string | undefined): v is string {
  return !!v && (v.includes("AccountName=") || v.includes("UseDevelopmentStorage=true") || v.includes("TableEndpoint="));
}

export function settings(): Settings {
  if (cached) return cached;
  const env = process.env;
  const conn = env.HTCT_TABLES_CONNECTION || (looksLikeConnectionString(env.AzureWebJobsStorage) ? env.AzureWebJobsStorage : undefined);
  const mode = env.AUTH_MODE === "dev" ? "dev" : "entra";
  cached = {
    tableName: env.HTCT_TABLE_NAME || "htct",
    connectionString: conn ?? null,
    tablesEndpoint: env.HTCT_TABLES_ENDPOINT || null,
    auth:
      mode === "dev"
        ? { mode, issuer: env.AUTH_ISSUER || DEV_ISSUER, audience: env.AUTH_AUDIENCE || DEV_AUDIENCE, keyDir: env.AUTH_DEV_KEY_DIR || ".dev-keys" }
        : { mode, issuer: env.AUTH_ISSUER ?? "", audience: env.AUTH_AUDIENCE ?? "", jwksUri: env.AUTH_JWKS_URI ?? "" },
    graceDays: Number(env.PERIOD_GRACE_DAYS ?? 15),
    retryAfterSeconds: Number(env.RETRY_AFTER_SECONDS ?? 5),
    idempotencyRetentionDays: Number(env.IDEMPOTENCY_RETENTION_DAYS ?? 7),
    storageTimeoutMs: Number(env.STORAGE_TIMEOUT_MS ?? 4000),
  };
  return cached;
}

/** For tests and the local host, which change settings between runs in one process. */
export function resetSettings(): void {
  cached = null;
}
