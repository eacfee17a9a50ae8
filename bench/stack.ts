import type { TableClient } from "@azure/data-tables";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startAzurite } from "../scripts/azurite.ts";

export const ROOT = resolve(import.meta.dirname, "..");

/**
 * Azurite (in memory) and the local functions host in this process with dev tokens, as every
 * HTTP benchmark runs them, so that they all measure the same stack. The host's modules are
 * imported only after the settings they read at load time are in the environment.
 */
export async function startBenchStack(tempPrefix: string) {
  const dir = mkdtempSync(join(tmpdir(), tempPrefix));
  const az = await startAzurite({ root: ROOT });
  process.env.HTCT_TABLES_CONNECTION = az.connectionString;
  process.env.AUTH_MODE = "dev";
  process.env.AUTH_DEV_KEY_DIR = join(dir, "keys");
  const { startHost } = await import("../functions/host/server.ts");
  const host = await startHost({ root: ROOT, port: 0, timers: false, settingsFile: join(ROOT, "local.settings.example.json"), log: () => undefined });
  const { table } = await import("../functions/store/client.ts");
  const t: TableClient = table();
  await t.createTable();
  return { dir, az, host, table: t };
}
