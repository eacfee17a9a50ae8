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
  retryAfterSeconds: number;
  /** Days an idempotency key is honoured at least; consolidation deletes older records. */
  idempotencyRetentionDays: number;
  /** Storage calls give up after this many milliseconds per attempt, so callers get a prompt 503. */
  storageTimeoutMs: number;
  /** The API's public base URL for the OpenAPI document (HTCT_PUBLIC_URL); null: a relative server. */
  publicUrl: string | null;
  /** Where the nightly job writes each province's backup; container null: no nightly backup. */
  backup: { container: string | null; connectionString: string | null; endpoint: string | null };
  /**
   * Clerks' mapping offers waiting for review at once: per province and per clerk. Each pending
   * offer is work for the province's staff and a row in its partition, so a clerk (or a stolen
   * clerk token) cannot bury the review screen or grow the partition without bound.
   */
  mappingOffers: { perProvince: number; perClerk: number };
}

export const DEFAULT_PENDING_OFFERS_PER_PROVINCE = 200;
export const DEFAULT_PENDING_OFFERS_PER_CLERK = 20;

/** A whole number 1…100000 or unset (the default); anything else stops the host at startup. */
function limitOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1 || n > 100_000) throw new SettingsError(`${name} must be a whole number from 1 to 100000, not ${JSON.stringify(v.slice(0, 40))}.`);
  return n;
}

/** A setting the app cannot run without, or cannot read: the host refuses to start with this message. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

function publicUrlOf(v: string | undefined): string | null {
  if (!v) return null;
  let u: URL;
  try { u = new URL(v); } catch { throw new SettingsError(`HTCT_PUBLIC_URL is not a URL: ${v.slice(0, 100)}`); }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new SettingsError("HTCT_PUBLIC_URL must be an http(s) URL");
  return u.origin;
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
    retryAfterSeconds: Number(env.RETRY_AFTER_SECONDS ?? 5),
    idempotencyRetentionDays: Number(env.IDEMPOTENCY_RETENTION_DAYS ?? 7),
    storageTimeoutMs: Number(env.STORAGE_TIMEOUT_MS ?? 4000),
    publicUrl: publicUrlOf(env.HTCT_PUBLIC_URL),
    backup: { container: env.HTCT_BACKUP_CONTAINER || null, connectionString: env.HTCT_BACKUP_BLOB_CONNECTION || null, endpoint: env.HTCT_BACKUP_BLOB_ENDPOINT || null },
    mappingOffers: {
      perProvince: limitOf(env, "HTCT_PENDING_OFFERS_PER_PROVINCE", DEFAULT_PENDING_OFFERS_PER_PROVINCE),
      perClerk: limitOf(env, "HTCT_PENDING_OFFERS_PER_CLERK", DEFAULT_PENDING_OFFERS_PER_CLERK),
    },
  };
  return cached;
}

/**
 * What keeps the app from authenticating anyone, as one message, or null. The app's entry checks
 * it (startup.ts) and refuses to start; tools that only use storage (seed, backup) do not need it.
 * Only an explicit "dev" signs with the local key; an unrecognised AUTH_MODE refuses to start
 * rather than falling back to either mode.
 */
export function startupProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const m = env.AUTH_MODE;
  if (m !== undefined && m !== "" && m !== "entra" && m !== "dev") return `AUTH_MODE must be "entra" (the default) or "dev", not ${JSON.stringify(m.slice(0, 40))}.`;
  if (m !== "dev") {
    const missing = ["AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_JWKS_URI"].filter((k) => !env[k]);
    if (missing.length) return `Entra ID token validation needs ${missing.join(", ")} (AUTH_MODE is "entra"; set AUTH_MODE=dev only for the local dev issuer).`;
  }
  try { publicUrlOf(env.HTCT_PUBLIC_URL); } catch (e) { return (e as Error).message; }
  try {
    limitOf(env, "HTCT_PENDING_OFFERS_PER_PROVINCE", DEFAULT_PENDING_OFFERS_PER_PROVINCE);
    limitOf(env, "HTCT_PENDING_OFFERS_PER_CLERK", DEFAULT_PENDING_OFFERS_PER_CLERK);
  } catch (e) { return (e as Error).message; }
  if (env.HTCT_BACKUP_CONTAINER && !env.HTCT_BACKUP_BLOB_CONNECTION && !env.HTCT_BACKUP_BLOB_ENDPOINT) return "HTCT_BACKUP_CONTAINER is set but neither HTCT_BACKUP_BLOB_ENDPOINT nor HTCT_BACKUP_BLOB_CONNECTION says where the container is.";
  // Backups are signed with a key they never carry; with Entra sign-in there is no local key file to fall back to.
  if (env.HTCT_BACKUP_CONTAINER && m !== "dev" && !env.HTCT_BACKUP_SIGNING_KEY) return "HTCT_BACKUP_CONTAINER is set but HTCT_BACKUP_SIGNING_KEY (the backups' HMAC key, at least 32 bytes as base64 or hex; a Key Vault reference in Azure) is not.";
  return null;
}

