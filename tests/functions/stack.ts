import type { TableClient } from "@azure/data-tables";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../../seeds/targets.ts";
import type { OrgUnit } from "../../shared/index.ts";
import { getCatalog } from "../../shared/index.ts";
import type { SubmissionRequest } from "../../shared/contract/index.ts";
import { startAzurite, type Azurite } from "../../scripts/azurite.ts";
import { communeValues, demoAssignments, provincesOf, syntheticProvince } from "../../scripts/demo.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
/** A generated province of 30 districts × 3 communes, besides the seed registry. */
export const TST = syntheticProvince("TST", 30, 3);
export const REGISTRY_ALL: OrgUnit[] = [...REGISTRY, ...TST];

export interface Stack {
  url: string;
  az: Azurite;
  table: TableClient;
  registrations: import("../../functions/host/server.ts").Registration[];
  token(user: string, opts?: { expiresIn?: string | null; issuer?: string; audience?: string }): Promise<string>;
  call(method: string, path: string, opts?: { user?: string; token?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; json: any }>;
  /** Every entity in the table except reference data, for "nothing was stored" checks. */
  dataEntities(): Promise<number>;
  trigger(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Azurite on a free port (in memory unless `persistent`), the local functions host in this
 * process on another free port, and the reference data of the seed registry plus TST.
 */
export async function startStack(opts: { persistent?: boolean } = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), "htct-fn-"));
  const az = await startAzurite({ root: ROOT, ...(opts.persistent ? { location: join(dir, "azurite") } : {}) });
  process.env.HTCT_TABLES_CONNECTION = az.connectionString;
  process.env.AUTH_MODE = "dev";
  process.env.AUTH_DEV_KEY_DIR = join(dir, "keys");
  process.env.RETRY_AFTER_SECONDS = "2";
  // Suites that burst hundreds of requests test races, not refusals: a queue that holds them all
  // (tests/functions/back-pressure.test.ts sets its own small limits before calling this).
  process.env.HTCT_HOST_MAX_QUEUED ??= "10000";
  process.env.HTCT_HOST_MAX_WAIT_MS ??= "120000";
  const { startHost } = await import("../../functions/host/server.ts");
  const host = await startHost({ root: ROOT, port: 0, timers: false, settingsFile: join(ROOT, "local.settings.example.json"), log: () => undefined });
  const { table } = await import("../../functions/store/client.ts");
  const { writeAssignments, writeReference } = await import("../../functions/store/reference.ts");
  const { signDevToken } = await import("../../functions/lib/token.ts");
  const t = table();
  await t.createTable();
  for (const p of provincesOf(REGISTRY_ALL)) await writeReference(t, p.province.code, p.units, p.targets(HAM_TAN_TARGETS));
  await writeAssignments(t, [
    ...demoAssignments(REGISTRY_ALL),
    { user: "clerk-wrong", role: "clerk", unit: "TTH-HUE" },
  ]);
  const tokens = new Map<string, string>();
  const token: Stack["token"] = async (user, o = {}) => {
    const k = JSON.stringify([user, o]);
    if (!tokens.has(k)) tokens.set(k, await signDevToken({ user, keyDir: join(dir, "keys"), ...o }));
    return tokens.get(k)!;
  };
  const call: Stack["call"] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    const tok = o.token ?? (o.user ? await token(o.user) : undefined);
    if (tok) headers.authorization = `Bearer ${tok}`;
    let body: string | Uint8Array | undefined = o.raw;
    if (o.body !== undefined) { body = JSON.stringify(o.body); headers["content-type"] ??= "application/json"; }
    const res = await fetch(`${host.url}${path}`, { method, headers, ...(body !== undefined ? { body: typeof body === "string" ? body : Buffer.from(body) } : {}) });
    const text = await res.text();
    let json: unknown = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = text; }
    return { status: res.status, headers: res.headers, json };
  };
  return {
    url: host.url, az, table: t, registrations: host.registrations, token, call, trigger: host.trigger,
    async dataEntities() {
      let n = 0;
      for await (const e of t.listEntities({ queryOptions: { select: ["PartitionKey"] } })) if (e.partitionKey!.startsWith("P|")) n++;
      return n;
    },
    async close() {
      await host.close();
      await az.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function submission(unitCode: string, over: Partial<SubmissionRequest> = {}, seed = 1): SubmissionRequest {
  const d = REGISTRY_ALL.find((u) => u.code === unitCode)!;
  const communes = REGISTRY_ALL.filter((u) => u.parent === unitCode);
  return {
    province: d.parent!, unit: unitCode, period: "2015", catalogVersion: getCatalog().version, baseVersion: null, mode: "merge",
    units: communes.map((c, i) => ({ unit: c.code, values: communeValues(seed * 100 + i) })),
    source: { workbook: "test.xlsx", sheet: "Sheet1", fingerprint: "fp" },
    ...over,
  };
}

let keyCounter = 0;
export const idem = (label = "k") => ({ "idempotency-key": `${label}-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}` });
