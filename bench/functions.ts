/**
 * Benchmarks of the functions on Azurite (`npx tsx bench/functions.ts`), printing JSON:
 * submission latency (1 and 20 clients), sustained rate vs Azurite's raw transaction rate,
 * consolidation of a generated country with batched vs entity-by-entity writes, rollup reads.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TableClient, TransactionAction } from "@azure/data-tables";
import { getCatalog, type OrgUnit } from "../shared/index.ts";
import type { SubmissionRequest } from "../shared/contract/index.ts";
import { startAzurite } from "../scripts/azurite.ts";
import { communeValues, rng, syntheticProvince } from "../scripts/demo.ts";

const ROOT = resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
const dir = mkdtempSync(join(tmpdir(), "htct-bench-"));
const az = await startAzurite({ root: ROOT });
process.env.HTCT_TABLES_CONNECTION = az.connectionString;
process.env.AUTH_MODE = "dev";
process.env.AUTH_DEV_KEY_DIR = join(dir, "keys");
const { startHost } = await import("../functions/host/server.ts");
const host = await startHost({ root: ROOT, port: 0, timers: false, settingsFile: join(ROOT, "local.settings.example.json"), log: () => undefined });
const { table } = await import("../functions/store/client.ts");
const { writeAssignments, writeReference } = await import("../functions/store/reference.ts");
const { signDevToken } = await import("../functions/lib/token.ts");
const { districtEntity } = await import("../functions/store/districts.ts");
const { pk } = await import("../functions/store/keys.ts");
const { consolidate, provinceRollup } = await import("../functions/lib/consolidation.ts");
const { writeSnapshots } = await import("../functions/store/snapshots.ts");
const t: TableClient = table();
await t.createTable();
const catalog = getCatalog();

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2); };
const ms = () => performance.now();

// ── A 30-district province of 30-commune districts ─────────────────────────────────────────
const BEN = syntheticProvince("BEN", 30, 30);
await writeReference(t, "BEN", BEN, []);
const districts = BEN.filter((u) => u.level === "district").map((u) => u.code);
await writeAssignments(t, [...districts.map((d) => ({ user: `clerk-${d}`, role: "clerk" as const, unit: d })), { user: "province-BEN", role: "province", unit: "BEN" }, { user: "job", role: "job", unit: null }]);
const tokens = new Map(await Promise.all([...districts.map((d) => `clerk-${d}`), "province-BEN", "job"].map(async (u) => [u, await signDevToken({ user: u, keyDir: join(dir, "keys") })] as const)));
const versions = new Map<string, number>();

function body(district: string, seed: number, period: string): SubmissionRequest {
  const communes = BEN.filter((u) => u.parent === district);
  return {
    province: "BEN", district, period, catalogVersion: catalog.version, baseVersion: versions.get(`${district}|${period}`) ?? null, mode: "merge",
    units: communes.map((c, i) => ({ unit: c.code, values: communeValues(seed * 1000 + i) })),
    source: { workbook: "bench.xlsx", sheet: "Sheet1", fingerprint: "bench" },
  };
}

async function submit(district: string, seed: number, period: string): Promise<number> {
  const b = JSON.stringify(body(district, seed, period));
  const t0 = ms();
  const res = await fetch(`${host.url}/api/submissions`, { method: "POST", headers: { authorization: `Bearer ${tokens.get(`clerk-${district}`)}`, "content-type": "application/json", "idempotency-key": randomUUID() }, body: b });
  const j = (await res.json()) as { version?: number };
  const dt = ms() - t0;
  if (res.status !== 200) throw new Error(`submission answered ${res.status}: ${JSON.stringify(j).slice(0, 300)}`);
  versions.set(`${district}|${period}`, j.version!);
  return dt;
}

// Warm-up: every district submits once (fills the province so later rollups have 30 districts).
for (const d of districts) await submit(d, 1, "2015");

const oneClient: number[] = [];
const N1 = quick ? 30 : 90;
for (let i = 0; i < N1; i++) oneClient.push(await submit(districts[i % 30]!, 2 + i, "2015"));

const N20 = quick ? 100 : 300;
const twenty: number[] = [];
let next = 0;
const t20 = ms();
await Promise.all(Array.from({ length: 20 }, async (_, w) => {
  for (let i = next++; i < N20; i = next++) twenty.push(await submit(districts[w]!, 500 + i, "2015"));
}));
const sustained = N20 / ((ms() - t20) / 1000);

// Azurite's raw rate: the same transaction shape (4 entities, same payload) with 20 writers.
const sample = body(districts[0]!, 7, "RAW");
const values = Object.fromEntries(sample.units.map((u) => [u.unit, u.values as Record<string, number | string>]));
let rawNext = 0;
const RAW = quick ? 200 : 600;
const tRaw = ms();
await Promise.all(Array.from({ length: 20 }, async () => {
  for (let i = rawNext++; i < RAW; i = rawNext++) {
    const partitionKey = `RAW|${i % 20}`;
    const e = districtEntity("RAW", String(i % 20), { district: `D${i}`, version: 1, firstSubmittedAt: "", lastSubmittedAt: "", lastSubmissionId: "", lastUser: "", values, stamps: {} });
    const actions: TransactionAction[] = [
      ["upsert", { ...e, partitionKey }, "Replace"],
      ["create", { partitionKey, rowKey: `H|${i}`, at: new Date().toISOString() }],
      ["create", { partitionKey, rowKey: `I|${i}`, at: new Date().toISOString() }],
      ["upsert", { partitionKey, rowKey: "META", hasData: true }, "Merge"],
    ];
    await t.submitTransaction(actions);
  }
}));
const rawRate = RAW / ((ms() - tRaw) / 1000);

// Rollup reads of the 30-district province.
const reads: number[] = [];
for (let i = 0; i < (quick ? 30 : 100); i++) {
  const t0 = ms();
  const r = await fetch(`${host.url}/api/rollups/BEN/2015`, { headers: { authorization: `Bearer ${tokens.get("province-BEN")}` } });
  await r.arrayBuffer();
  reads.push(ms() - t0);
}

// ── A generated country: 63 provinces, 700 districts, 10,000 communes ──────────────────────
const r = rng(63);
const country: OrgUnit[][] = [];
let d = 0, c = 0;
for (let p = 0; p < 63; p++) {
  const code = `C${String(p + 1).padStart(2, "0")}`;
  const nd = Math.floor(700 / 63) + (p < 700 % 63 ? 1 : 0);
  const units: OrgUnit[] = [{ code, name: `Tỉnh ${code}`, level: "province", type: "tinh", parent: null, sample: true, aliases: [] }];
  for (let i = 0; i < nd; i++, d++) {
    const dc = `${code}-D${String(i + 1).padStart(2, "0")}`;
    units.push({ code: dc, name: `Huyện ${dc}`, level: "district", type: "huyen", parent: code, sample: true, aliases: [] });
    const nc = Math.floor(10_000 / 700) + (d < 10_000 % 700 ? 1 : 0);
    for (let k = 0; k < nc; k++, c++) units.push({ code: `${dc}-M${String(k + 1).padStart(2, "0")}`, name: `Xã ${dc}.${k + 1}`, level: "commune", type: "xa", parent: dc, sample: true, aliases: [] });
  }
  country.push(units);
}
const tSeed = ms();
await Promise.all(country.map(async (units) => {
  const prov = units[0]!.code;
  await writeReference(t, prov, units, []);
  const now = new Date().toISOString();
  const ents = units.filter((u) => u.level === "district").map((u) => districtEntity(prov, "2015", {
    district: u.code, version: 1, firstSubmittedAt: now, lastSubmittedAt: now, lastSubmissionId: "seed", lastUser: "seed", stamps: {},
    values: Object.fromEntries(units.filter((x) => x.parent === u.code).map((x) => [x.code, communeValues(Math.floor(r() * 1e9))])),
  }));
  await t.submitTransaction(ents.map((e): TransactionAction => ["upsert", e, "Replace"]));
  await t.upsertEntity({ partitionKey: pk.period(prov, "2015"), rowKey: "META", province: prov, period: "2015", hasData: true }, "Merge");
}));
const seedMs = ms() - tSeed;

const tCons = ms();
const consRes = await fetch(`${host.url}/api/consolidations`, { method: "POST", headers: { authorization: `Bearer ${tokens.get("job")}`, "content-type": "application/json" }, body: JSON.stringify({ period: "2015" }) });
const cons = (await consRes.json()) as { provinces: { rowsWritten: number }[] };
const consolidationMs = ms() - tCons;
const rerun0 = ms();
const rerun = (await (await fetch(`${host.url}/api/consolidations`, { method: "POST", headers: { authorization: `Bearer ${tokens.get("job")}`, "content-type": "application/json" }, body: JSON.stringify({ period: "2015" }) })).json()) as { provinces: { rowsWritten: number }[] };
const rerunMs = ms() - rerun0;

// Writes alone: the same snapshots, batched in entity-group transactions vs one entity per call.
const snaps = await Promise.all(country.map(async (units) => {
  const prov = units[0]!.code;
  const roll = await provinceRollup(t, prov, "2015", units);
  return { prov, snaps: [{ unit: prov, level: "province" as const, body: { ...roll, districts: roll.districts.map(({ values: _v, ...x }) => x) } }, ...roll.districts.map((x) => ({ unit: x.district, level: "district" as const, body: x }))] };
}));
const timeWrites = async (batched: boolean, concurrency: number) => {
  const t0 = ms();
  const queue = [...snaps];
  await Promise.all(Array.from({ length: concurrency }, async () => { for (let s = queue.shift(); s; s = queue.shift()) await writeSnapshots(t, s.prov, "2015", s.snaps, { batched, force: true, computedAt: new Date().toISOString() }); }));
  return ms() - t0;
};
// Alternating rounds, median of each, so that a noisy moment does not favour either side.
const rounds = async (concurrency: number) => {
  const singles: number[] = [];
  const batches: number[] = [];
  for (let round = 0; round < 3; round++) { singles.push(await timeWrites(false, concurrency)); batches.push(await timeWrites(true, concurrency)); }
  const single = pct(singles, 50);
  const batched = pct(batches, 50);
  return { batchedMs: Math.round(batched), entityByEntityMs: Math.round(single), speedup: +(single / batched).toFixed(2) };
};
const sequential = await rounds(1);
const parallel = await rounds(8);
void consolidate;

const out = {
  machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
  submission: {
    district: { communes: 30, valuesPerCommune: Object.keys(communeValues(1)).length },
    oneClient: { n: oneClient.length, p50Ms: pct(oneClient, 50), p95Ms: pct(oneClient, 95) },
    twentyClients: { n: twenty.length, p50Ms: pct(twenty, 50), p95Ms: pct(twenty, 95), sustainedPerSecond: +sustained.toFixed(1) },
    azuriteRawTransactionsPerSecond: +rawRate.toFixed(1),
    sustainedVsRaw: +(sustained / rawRate).toFixed(3),
    meetsHalfOfRaw: sustained >= rawRate / 2,
  },
  consolidation: {
    country: { provinces: country.length, districts: d, communes: c },
    seedMs: Math.round(seedMs),
    httpStatus: consRes.status,
    firstRunMs: Math.round(consolidationMs),
    rowsWritten: cons.provinces.reduce((s, p) => s + p.rowsWritten, 0),
    rerunMs: Math.round(rerunMs),
    rerunRowsWritten: rerun.provinces.reduce((s, p) => s + p.rowsWritten, 0),
    writes: {
      entities: snaps.reduce((s, x) => s + x.snaps.length, 0), rounds: 3,
      oneWriter: { ...sequential, meetsFourTimes: sequential.speedup >= 4 },
      eightProvincesAtOnce: { ...parallel, meetsFourTimes: parallel.speedup >= 4 },
    },
  },
  rollupRead: { districts: 30, communes: 900, n: reads.length, p50Ms: pct(reads, 50), p95Ms: pct(reads, 95) },
};
console.log(JSON.stringify(out, null, 2));
await host.close();
await az.stop();
rmSync(dir, { recursive: true, force: true });
