/**
 * Benchmarks of the functions on Azurite (`npx tsx bench/functions.ts`), printing JSON:
 * submission latency (1 and 20 clients), sustained rate vs Azurite's raw transaction rate,
 * consolidation of a generated country with batched vs entity-by-entity writes, rollup reads.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { odata, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { getCatalog, reportingUnitsOf } from "../shared/index.ts";
import type { SubmissionRequest } from "../shared/contract/index.ts";
import { startBenchStack } from "./stack.ts";
import { sampleCountry, storeSampleCountry } from "./sample-country.ts";
import { communeValues, rng, syntheticProvince } from "../scripts/demo.ts";

const quick = process.argv.includes("--quick");
const { dir, az, host, table: t } = await startBenchStack("htct-bench-");
const { writeAssignments, writeReference } = await import("../functions/store/reference.ts");
const { signDevToken } = await import("../functions/lib/token.ts");
const { pk } = await import("../functions/store/keys.ts");
const { snapshotsOf } = await import("../functions/lib/consolidation.ts");
const { provinceRollup } = await import("../functions/lib/province-rollup.ts");
const { snapshotEntities, writeEntities } = await import("../functions/store/snapshots.ts");
const catalog = getCatalog();

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2); };
const ms = () => performance.now();

// ── A 30-district province of 30-commune districts ─────────────────────────────────────────
const BEN = syntheticProvince("BEN", 30, 30);
await writeReference(t, "BEN", BEN, []);
const reportingUnits = reportingUnitsOf(BEN, "BEN").map((u) => u.code);
await writeAssignments(t, [...reportingUnits.map((d) => ({ user: `clerk-${d}`, role: "clerk" as const, unit: d })), { user: "province-BEN", role: "province", unit: "BEN" }, { user: "job", role: "job", unit: null }]);
const tokens = new Map(await Promise.all([...reportingUnits.map((d) => `clerk-${d}`), "province-BEN", "job"].map(async (u) => [u, await signDevToken({ user: u, keyDir: join(dir, "keys") })] as const)));
const versions = new Map<string, number>();

/**
 * Request bodies are built before the clock starts, as the raw writers' entities are: the load
 * generator shares the CPU with the host and Azurite, so it should cost as little as it can.
 * Only the base version is spliced in per request (it comes from the previous answer).
 */
function bodyTail(unitCode: string, seed: number, period: string): string {
  const communes = BEN.filter((u) => u.parent === unitCode);
  const req: Omit<SubmissionRequest, "baseVersion"> = {
    province: "BEN", unit: unitCode, period, catalogVersion: catalog.version, mode: "merge",
    units: communes.map((c, i) => ({ unit: c.code, values: communeValues(seed * 1000 + i) })),
    source: { workbook: "bench.xlsx", sheet: "Sheet1", fingerprint: "bench" },
  };
  return JSON.stringify(req).slice(1);
}

async function submit(unitCode: string, tail: string, period: string): Promise<number> {
  const b = `{"baseVersion":${versions.get(`${unitCode}|${period}`) ?? null},${tail}`;
  const t0 = ms();
  const res = await fetch(`${host.url}/api/submissions`, { method: "POST", headers: { authorization: `Bearer ${tokens.get(`clerk-${unitCode}`)}`, "content-type": "application/json", "idempotency-key": randomUUID() }, body: b });
  const text = await res.text();
  const dt = ms() - t0;
  if (res.status !== 200) throw new Error(`submission answered ${res.status}: ${text.slice(0, 300)}`);
  versions.set(`${unitCode}|${period}`, (JSON.parse(text) as { version: number }).version);
  return dt;
}

/** CPU milliseconds used so far by this process (load generator + functions host) and by Azurite. */
function cpu(): { self: number; azurite: number } {
  const u = process.cpuUsage();
  let azurite = NaN;
  try {
    // utime + stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
    const f = readFileSync(`/proc/${az.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    azurite = (Number(f[11]) + Number(f[12])) * 10;
  } catch { /* not Linux: CPU split not reported */ }
  return { self: (u.user + u.system) / 1000, azurite };
}

/** Runs `n` operations with `writers` concurrent loops; rate, latencies and CPU per operation. */
async function load(n: number, writers: number, op: (i: number, writer: number) => Promise<unknown>) {
  const lat: number[] = [];
  let next = 0;
  const c0 = cpu();
  const t0 = ms();
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    for (let i = next++; i < n; i = next++) { const s0 = ms(); await op(i, w); lat.push(ms() - s0); }
  }));
  const wall = ms() - t0;
  const c1 = cpu();
  return {
    n, perSecond: +(n / (wall / 1000)).toFixed(1), p50Ms: pct(lat, 50), p95Ms: pct(lat, 95),
    cpuMsPerOp: { hostAndClient: +((c1.self - c0.self) / n).toFixed(2), azurite: +((c1.azurite - c0.azurite) / n).toFixed(2) },
  };
}

// Warm-up: every unit submits once (fills the province so later rollups have 30 units).
for (const d of reportingUnits) await submit(d, bodyTail(d, 1, "2015"), "2015");

const N1 = quick ? 40 : 120;
const tails1 = Array.from({ length: N1 }, (_, i) => bodyTail(reportingUnits[i % 30]!, 2 + i, "2015"));
const oneClient = await load(N1, 1, (i) => submit(reportingUnits[i % 30]!, tails1[i]!, "2015"));
const N20 = quick ? 200 : 600;
// Writer w submits for unit w only, so clients never race each other for one unit; its
// bodies are built in advance (twice its fair share, in case it runs faster than the others).
const perWriter = Math.ceil(N20 / 20) * 2;
const tails20 = Array.from({ length: 20 }, (_, w) => Array.from({ length: perWriter }, (_, k) => bodyTail(reportingUnits[w]!, 500 + w * perWriter + k, "2015")));
const used = Array.from({ length: 20 }, () => 0);
const twenty = await load(N20, 20, (_i, w) => submit(reportingUnits[w]!, tails20[w]![used[w]!++ % perWriter]!, "2015"));

/*
 * Azurite's raw single-transaction rate: entity-group transactions of the shape a steady-state
 * submission commits (its unit row replaced under its ETag, a history row and an idempotency
 * row created), made of copies of the entities the submissions above actually wrote (same
 * properties, same payload sizes), sent straight from @azure/data-tables to one partition, as all
 * submissions of a province go to one, with 1 writer and with 20 (one unit row each, like the
 * clients). No reads, no HTTP front, no computation: what storage alone can commit.
 */
const written = new Map<string, TableEntity<Record<string, unknown>>[]>();
for await (const e of t.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${pk.period("BEN", "2015")}` } })) {
  const kind = e.rowKey!.slice(0, 2);
  const { etag: _e, timestamp: _t, ...entity } = e as TableEntity<Record<string, unknown>> & { etag?: string; timestamp?: string };
  written.set(kind, [...(written.get(kind) ?? []), entity]);
}
const sample = { unitRow: written.get("D|")!, history: written.get("H|")!, answer: written.get("I|")! };
const bytes = (e: Record<string, unknown>) => Object.values(e).reduce((n: number, v) => n + (v instanceof Uint8Array ? v.byteLength : typeof v === "string" ? v.length : 8), 0);
const avg = (xs: Record<string, unknown>[]) => Math.round(xs.reduce((n, e) => n + bytes(e), 0) / xs.length);
let rawSeq = 0;
const raw = async (writers: number, n: number, period: string) => {
  const partitionKey = pk.period("RAW", period);
  const etags: (string | null)[] = Array.from({ length: writers }, () => null);
  return load(n, writers, async (i, w) => {
    const k = rawSeq++;
    const unitRow = { ...sample.unitRow[w % sample.unitRow.length]!, partitionKey, rowKey: `D|RAW-${w}` };
    const actions: TransactionAction[] = [
      etags[w] ? ["update", unitRow, "Replace", { etag: etags[w]! }] : ["create", unitRow],
      ["create", { ...sample.history[k % sample.history.length]!, partitionKey, rowKey: `H|RAW-${w}|${k}` }],
      ["create", { ...sample.answer[k % sample.answer.length]!, partitionKey, rowKey: `I|${k}` }],
    ];
    const r = await t.submitTransaction(actions);
    etags[w] = r.subResponses[0]?.etag ?? null;
  });
};
const raw1 = await raw(1, N1, "R1");
const raw20 = await raw(20, N20, "R20");

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
const { country, districts: d, communes: c } = sampleCountry();
const tSeed = ms();
await storeSampleCountry(t, country, ["2015"], () => communeValues(Math.floor(r() * 1e9)));
const seedMs = ms() - tSeed;

const tCons = ms();
const consRes = await fetch(`${host.url}/api/consolidations`, { method: "POST", headers: { authorization: `Bearer ${tokens.get("job")}`, "content-type": "application/json" }, body: JSON.stringify({ period: "2015" }) });
const cons = (await consRes.json()) as { provinces: { rowsWritten: number }[] };
const consolidationMs = ms() - tCons;
const rerun0 = ms();
const rerun = (await (await fetch(`${host.url}/api/consolidations`, { method: "POST", headers: { authorization: `Bearer ${tokens.get("job")}`, "content-type": "application/json" }, body: JSON.stringify({ period: "2015" }) })).json()) as { provinces: { rowsWritten: number }[] };
const rerunMs = ms() - rerun0;

/*
 * Writes alone, the same entities in the same run: the country's snapshot rows (one per province
 * and district) upserted one call each, one after the other, vs in entity-group transactions of
 * 100 in the period's snapshot partition (what consolidation does). For context, the same rows
 * batched per province partition (about 13 to a transaction, the layout before), which is what
 * kept the speed-up under 4×. Rounds alternate; medians, so a noisy moment favours neither side.
 */
const snapRows = snapshotEntities("2015", (await Promise.all(country.map(async (units) => snapshotsOf(units[0]!.code, await provinceRollup(t, units[0]!.code, "2015", units))))).flat(), new Date().toISOString());
const perProvince = snapRows.map((e) => ({ ...e, partitionKey: `BENCH|${e.province}` }));
const writeRounds = quick ? 3 : 5;
type Timing = { ms: number; cpuHost: number; cpuAzurite: number };
const timings = { single: [] as Timing[], batched: [] as Timing[], perProvince: [] as Timing[] };
const timed = async (f: () => Promise<unknown>): Promise<Timing> => {
  const c0 = cpu(); const t0 = ms(); await f(); const c1 = cpu();
  return { ms: ms() - t0, cpuHost: c1.self - c0.self, cpuAzurite: c1.azurite - c0.azurite };
};
for (let round = 0; round < writeRounds; round++) {
  timings.single.push(await timed(() => writeEntities(t, snapRows, false)));
  timings.batched.push(await timed(() => writeEntities(t, snapRows, true)));
  timings.perProvince.push(await timed(async () => { for (let i = 0; i < country.length; i++) await writeEntities(t, perProvince.filter((e) => e.province === country[i]![0]!.code), true); }));
}
const med = (xs: Timing[], k: keyof Timing) => pct(xs.map((x) => x[k]), 50);
const singleMs = med(timings.single, "ms");
const batchedMs = med(timings.batched, "ms");
const perProvinceMs = med(timings.perProvince, "ms");
const cpuPerEntity = (xs: Timing[]) => ({ client: +(med(xs, "cpuHost") / snapRows.length).toFixed(3), azurite: +(med(xs, "cpuAzurite") / snapRows.length).toFixed(3) });

const ratio = (a: { perSecond: number }, b: { perSecond: number }) => +(a.perSecond / b.perSecond).toFixed(3);
const out = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, note: "client, functions host and Azurite share these cores" },
  submission: {
    unit: { communes: 30, valuesPerCommune: Object.keys(communeValues(1)).length },
    oneClient,
    twentyClients: twenty,
    rawTransaction: {
      definition: "entity-group transactions of a steady-state submission's shape (unit row Replace under its ETag + history row + idempotency row, copies of the rows the submissions wrote), sent directly with @azure/data-tables to one partition",
      entityBytes: { unitRow: avg(sample.unitRow), history: avg(sample.history), answer: avg(sample.answer) },
      oneWriter: raw1,
      twentyWriters: raw20,
    },
    sustainedVsRaw: { oneClient: ratio(oneClient, raw1), twentyClients: ratio(twenty, raw20) },
    meetsHalfOfRaw: { oneClient: oneClient.perSecond >= raw1.perSecond / 2, twentyClients: twenty.perSecond >= raw20.perSecond / 2 },
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
      entities: snapRows.length, rounds: writeRounds,
      entityByEntityMs: Math.round(singleMs),
      batchedMs: Math.round(batchedMs),
      speedup: +(singleMs / batchedMs).toFixed(2),
      meetsFourTimes: singleMs / batchedMs >= 4,
      allRoundsMs: { entityByEntity: timings.single.map((x) => Math.round(x.ms)), batched: timings.batched.map((x) => Math.round(x.ms)) },
      cpuMsPerEntity: { entityByEntity: cpuPerEntity(timings.single), batched: cpuPerEntity(timings.batched) },
      transactions: Math.ceil(snapRows.length / 100),
      perProvincePartitionBatchesMs: Math.round(perProvinceMs),
      perProvincePartitionSpeedup: +(singleMs / perProvinceMs).toFixed(2),
    },
  },
  rollupRead: { units: 30, communes: 900, n: reads.length, p50Ms: pct(reads, 50), p95Ms: pct(reads, 95) },
};
console.log(JSON.stringify(out, null, 2));
await host.close();
await az.stop();
rmSync(dir, { recursive: true, force: true });
