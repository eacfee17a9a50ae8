/**
 * The country as it is now, on Azurite (`npx tsx bench/two-tier.ts [--quick]`), printing JSON:
 * 34 provinces, 3,321 communes and 60,000 party cells reporting for 2026, with 2024's data in
 * the three-tier structure (63 provinces, 700 districts, 10,000 communes) mapped to the new
 * communes by predecessors (about three each, one in twenty shared by two successors). Measures
 * national consolidation of 2026 and one province's rollup in the new units with its 2024
 * comparison reconstructed, with memory.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { TransactionAction } from "@azure/data-tables";
import { reportingUnitsOf, type OrgUnit } from "../shared/index.ts";
import { startBenchStack } from "./stack.ts";
import { communeValues, rng } from "../scripts/demo.ts";

const quick = process.argv.includes("--quick");
const { dir, az, host, table: t } = await startBenchStack("htct-bench2-");
const { writeAssignments, writeReference } = await import("../functions/store/reference.ts");
const { signDevToken } = await import("../functions/lib/token.ts");
const { unitEntity } = await import("../functions/store/units.ts");
const { pk } = await import("../functions/store/keys.ts");

const ms = () => performance.now();
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1); };
const MiB = (b: number) => Math.round(b / 1048576);
const scale = quick ? 0.1 : 1;
const OLD_P = 63, OLD_D = Math.round(700 * scale), OLD_C = Math.round(10_000 * scale);
const NEW_P = 34, NEW_C = Math.round(3_321 * scale), CELLS = Math.round(60_000 * scale);
const END = "2025-06-30", FROM = "2025-07-01";
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const s = (u: Omit<OrgUnit, "sample" | "aliases">): OrgUnit => ({ ...u, sample: true, aliases: [] });

// ── The three-tier country of 2024 ──────────────────────────────────────────────────────────
const oldProvinces: OrgUnit[][] = [];
for (let p = 0, d = 0; p < OLD_P; p++) {
  const code = `O${pad(p + 1)}`;
  const units = [s({ code, name: `Tỉnh mẫu ${code}`, level: "province", type: "tinh", parent: null, validTo: END })];
  const nd = Math.floor(OLD_D / OLD_P) + (p < OLD_D % OLD_P ? 1 : 0);
  for (let i = 0; i < nd; i++, d++) {
    const dc = `${code}-D${pad(i + 1)}`;
    units.push(s({ code: dc, name: `Huyện mẫu ${dc}`, level: "district", type: "huyen", parent: code, validTo: END }));
    const nc = Math.floor(OLD_C / OLD_D) + (d < OLD_C % OLD_D ? 1 : 0);
    for (let k = 0; k < nc; k++) units.push(s({ code: `${dc}-M${pad(k + 1)}`, name: `Xã mẫu ${dc}.${k + 1}`, level: "commune", type: "xa", parent: dc, validTo: END }));
  }
  oldProvinces.push(units);
}

// ── The two-tier country since July 2025, formed from it ──────────────────────────────────
const newProvinces: OrgUnit[][] = [];
let cellsMade = 0, communesMade = 0, splits = 0, predecessorLinks = 0;
for (let k = 0; k < NEW_P; k++) {
  const code = `N${pad(k + 1)}`;
  const olds = oldProvinces.filter((_, i) => Math.floor((i * NEW_P) / OLD_P) === k);
  const oldCommunes = olds.flatMap((u) => u.filter((x) => x.level === "commune"));
  const units = [s({ code, name: `Tỉnh mẫu ${code}`, level: "province", type: "tinh", parent: null, validFrom: FROM, predecessors: olds.map((u) => u[0]!.code) })];
  const n = Math.floor(NEW_C / NEW_P) + (k < NEW_C % NEW_P ? 1 : 0);
  for (let m = 0; m < n; m++, communesMade++) {
    const cc = `${code}-M${pad(m + 1, 3)}`;
    const lo = Math.floor((m * oldCommunes.length) / n), hi = Math.floor(((m + 1) * oldCommunes.length) / n);
    const preds = oldCommunes.slice(lo, hi).map((u) => u.code);
    // One commune in twenty also takes part of the one before it: a split.
    if (m > 0 && m % 20 === 0 && lo > 0) { preds.push(oldCommunes[lo - 1]!.code); splits++; }
    predecessorLinks += preds.length;
    units.push(s({ code: cc, name: `Xã mẫu ${cc}`, level: "commune", type: m === 0 && k % 5 === 0 ? "dac_khu" : "xa", parent: code, validFrom: FROM, predecessors: preds }));
    const nCells = Math.floor(CELLS / NEW_C) + (communesMade < CELLS % NEW_C ? 1 : 0);
    for (let q = 0; q < nCells; q++, cellsMade++) units.push(s({ code: `${cc}-M${pad(q + 1)}`, name: `Chi bộ mẫu ${q + 1}`, level: "cell", type: "chi_bo", parent: cc, validFrom: FROM }));
  }
  // The province's registry holds the units it was formed from, for reconstructed comparisons.
  newProvinces.push([...units, ...olds.flat()]);
}

const r = rng(2026);
const cellValues = () => {
  const members = 8 + Math.floor(r() * 40);
  const htxsnv = Math.floor(members * 0.15 * r());
  return { "members.total": members, "members.grade.htxsnv": htxsnv, "members.grade.httnv": Math.floor((members - htxsnv) * 0.6), "party.cells": 1, "members.admitted": Math.floor(r() * 3) };
};

async function writeAll(province: string, period: string, rows: ReturnType<typeof unitEntity>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await t.submitTransaction(rows.slice(i, i + 100).map((e): TransactionAction => ["upsert", e, "Replace"]));
  await t.upsertEntity({ partitionKey: pk.period(province, period), rowKey: "META", province, period, hasData: true }, "Merge");
}

const tSeed = ms();
const now = new Date().toISOString();
const stored = (unit: string, values: Record<string, Record<string, number | string>>) => ({ unit, version: 1, firstSubmittedAt: now, lastSubmittedAt: now, lastSubmissionId: "seed", lastUser: "seed", stamps: {}, values });
await Promise.all(oldProvinces.map(async (units) => {
  const prov = units[0]!.code;
  await writeReference(t, prov, units, []);
  await writeAll(prov, "2024", reportingUnitsOf(units, prov).map((d) => unitEntity(prov, "2024", stored(d.code,
    Object.fromEntries(units.filter((x) => x.parent === d.code).map((x) => [x.code, communeValues(Math.floor(r() * 1e9))]))))));
}));
await Promise.all(newProvinces.map(async (units) => {
  const prov = units[0]!.code;
  await writeReference(t, prov, units, []);
  await writeAll(prov, "2026", units.filter((u) => u.level === "commune" && u.parent === prov).map((c) => unitEntity(prov, "2026", stored(c.code,
    Object.fromEntries(units.filter((x) => x.parent === c.code).map((x) => [x.code, cellValues()]))))));
}));
const seedMs = ms() - tSeed;

await writeAssignments(t, [{ user: "job", role: "job", unit: null }, { user: "province-N01", role: "province", unit: "N01" }]);
const job = await signDevToken({ user: "job", keyDir: join(dir, "keys") });
const staff = await signDevToken({ user: "province-N01", keyDir: join(dir, "keys") });

/** CPU ms Azurite (a child process) has used so far, from /proc; NaN where there is no /proc. */
function azuriteCpuMs(): number {
  try {
    const f = readFileSync(`/proc/${az.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return NaN; }
}

async function startProfiler(): Promise<{ stop(): Promise<unknown> }> {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return { async stop() { const { profile } = await session.post("Profiler.stop"); session.disconnect(); return profile; } };
}

/** Peak memory of this process (the functions host runs in it) while `fn` runs, sampled every 20 ms. */
async function withMemory<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakRssMiB: number; peakHeapMiB: number }> {
  let rss = 0, heap = 0;
  const sample = () => { const m = process.memoryUsage(); rss = Math.max(rss, m.rss); heap = Math.max(heap, m.heapUsed); };
  const timer = setInterval(sample, 20);
  const t0 = ms();
  try {
    const value = await fn();
    sample();
    return { value, ms: ms() - t0, peakRssMiB: MiB(rss), peakHeapMiB: MiB(heap) };
  } finally { clearInterval(timer); }
}

const post = (period: string) => fetch(`${host.url}/api/consolidations`, { method: "POST", headers: { authorization: `Bearer ${job}`, "content-type": "application/json" }, body: JSON.stringify({ period }) })
  .then(async (res) => ({ status: res.status, body: (await res.json()) as { provinces: { province: string; rowsWritten: number; unitsExpected?: number; unitsReported?: number }[] } }));
const get = (path: string) => fetch(`${host.url}${path}`, { headers: { authorization: `Bearer ${staff}` } }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));

// `--cpu-prof FILE`: the first national consolidation profiled (this process: host and client).
const profIx = process.argv.indexOf("--cpu-prof");
const profiler = profIx > 0 ? await startProfiler() : null;
const cpu0 = process.cpuUsage(), az0 = azuriteCpuMs();
const national = await withMemory(() => post("2026"));
const nationalCpu = { hostMs: Math.round(((c) => (c.user + c.system) / 1000)(process.cpuUsage(cpu0))), azuriteMs: Math.round(azuriteCpuMs() - az0) };
if (profiler) writeFileSync(process.argv[profIx + 1] ?? "consolidation.cpuprofile", JSON.stringify(await profiler.stop()));
const rerun = await withMemory(() => post("2026"));

// One province: its 2026 rollup in its communes, then its 2024 in the same communes (reconstructed).
const coldRollup = await withMemory(() => get("/api/rollups/N01/2026"));
const coldReconstructed = await withMemory(() => get("/api/rollups/N01/2024/in/2026"));
const warm: number[] = [];
const warmRebuilt: number[] = [];
for (let i = 0; i < (quick ? 5 : 20); i++) {
  let t0 = ms(); await get("/api/rollups/N01/2026"); warm.push(ms() - t0);
  t0 = ms(); await get("/api/rollups/N01/2024/in/2026"); warmRebuilt.push(ms() - t0);
}
const rebuilt = coldReconstructed.value.body as { units: { reconstructed: boolean; approximate: string[]; from: string[] }[] };
const n01 = newProvinces[0]!;

const out = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, loadAverageAtStart: loadavg().map((x) => +x.toFixed(1)), note: "the functions host and Azurite share these cores (and other work on the machine: see the load average); memory is this process's (the host runs in it)" },
  country: {
    now: { provinces: NEW_P, communes: communesMade, cells: cellsMade, from: FROM },
    y2024: { provinces: OLD_P, districts: OLD_D, communes: OLD_C },
    predecessorLinks, splitCommunes: splits,
    seedMs: Math.round(seedMs),
  },
  nationalConsolidation2026: {
    httpStatus: national.value.status,
    provincesConsolidated: national.value.body.provinces.length,
    reportingUnits: national.value.body.provinces.reduce((a, p) => a + (p.unitsExpected ?? 0), 0),
    reportingUnitsReported: national.value.body.provinces.reduce((a, p) => a + (p.unitsReported ?? 0), 0),
    rowsWritten: national.value.body.provinces.reduce((a, p) => a + p.rowsWritten, 0),
    firstRunMs: Math.round(national.ms), firstRunCpuMs: nationalCpu, peakRssMiB: national.peakRssMiB, peakHeapMiB: national.peakHeapMiB,
    rerunMs: Math.round(rerun.ms),
    target: "≤ 2,000 ms at load ≤ 2 (issue 18)", meetsTarget: national.ms <= 2000,
  },
  provinceRollupWithReconstructed2024: {
    province: "N01", communes: n01.filter((u) => u.parent === "N01").length, cells: n01.filter((u) => u.level === "cell").length,
    predecessorCommunes: n01.filter((u) => u.level === "commune" && u.validTo).length,
    rollup2026: { status: coldRollup.value.status, firstMs: Math.round(coldRollup.ms), warmP50Ms: pct(warm, 50), warmP95Ms: pct(warm, 95) },
    reconstructed2024: {
      status: coldReconstructed.value.status, firstMs: Math.round(coldReconstructed.ms), warmP50Ms: pct(warmRebuilt, 50), warmP95Ms: pct(warmRebuilt, 95),
      reconstructedUnits: rebuilt.units.filter((u) => u.reconstructed).length, approximateUnits: rebuilt.units.filter((u) => u.approximate.length).length,
      peakRssMiB: coldReconstructed.peakRssMiB,
    },
    bothFirstMs: Math.round(coldRollup.ms + coldReconstructed.ms),
    target: "≤ 1,000 ms", meetsTarget: coldRollup.ms + coldReconstructed.ms <= 1000,
  },
};
console.log(JSON.stringify(out, null, 2));
await host.close();
await az.stop();
rmSync(dir, { recursive: true, force: true });
