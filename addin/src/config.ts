import { z } from "zod";
import type { Prefs } from "./prefs.ts";

/**
 * The deployment's settings, written by `build:addin -- --origin … --api … --client-id …` into
 * config.json beside the pane: the functions' address and the Entra ID app, so clerks type none
 * of them. Parsed once here; a missing or malformed file means "none" (the local stack).
 */
export const DeployedConfig = z.object({
  server: z.string().max(200).regex(/^(https:\/\/[^/\s]+)?$/),
  clientId: z.string().max(36).regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i),
  scope: z.string().max(300),
  tenant: z.string().max(100).regex(/^([0-9a-f-]{36}|[a-z0-9-]+(\.[a-z0-9-]+)+)?$/i),
});
export type DeployedConfig = z.infer<typeof DeployedConfig>;

export async function loadDeployedConfig(fetchImpl: typeof fetch = (...a) => fetch(...a), url = "config.json"): Promise<DeployedConfig | null> {
  try {
    const res = await fetchImpl(url, { cache: "no-cache" });
    if (!res.ok) return null;
    const text = await res.text();
    if (text.length > 10_000) return null;
    const parsed = DeployedConfig.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The clerk's own choices win; what they left empty comes from the deployment. */
export function withDeployed(prefs: Prefs, config: DeployedConfig | null): Prefs {
  if (!config) return prefs;
  return {
    ...prefs,
    server: prefs.server || config.server,
    clientId: prefs.clientId || config.clientId,
    scope: prefs.scope || config.scope,
    tenant: prefs.tenant || config.tenant,
    // A deployment with an app registration signs in with Microsoft 365 unless the clerk chose otherwise.
    method: config.clientId && !prefs.clientId && prefs.method === "dev" && !prefs.server ? "naa" : prefs.method,
  };
}
