/**
 * The consolidation's computation alone (`npx tsx bench/rollup-cpu.ts [--quick]`), printing JSON:
 * rollupTree over the country as it is now — 34 provinces, 3,321 communes straight under them,
 * 60,000 party cells reporting — in memory, no storage, no HTTP. This is the part of national
 * consolidation that the rollup code decides; bench/two-tier.ts times the whole request.
 * `--compare` alternates with the rollup as it was before its per-node rebuilds were removed
 * (frozen in tests/shared/rollup-reference.ts), so both are timed in one run, at one load.
 */
import { cpus, loadavg } from "node:os";
import { getCatalog, rollupTree, type OrgUnit } from "../shared/index.ts";
import { rng } from "../scripts/demo.ts";

const quick = process.argv.includes("--quick");
const P = 34, C = quick ? 332 : 3_321, CELLS = quick ? 6_000 : 60_000;
const catalog = getCatalog();
const s = (u: Omit<OrgUnit, "sample" | "aliases">): OrgUnit => ({ ...u, sample: true, aliases: [] });
const r = rng(2026);
const country: { registry: OrgUnit[]; values: Map<string, Record<string, number>> }[] = [];
for (let k = 0, made = 0; k < P; k++) {
  const code = `N${String(k + 1).padStart(2, "0")}`;
  const registry = [s({ code, name: `Tỉnh mẫu ${code}`, level: "province", type: "tinh", parent: null })];
  const values = new Map<string, Record<string, number>>();
  const n = Math.floor(C / P) + (k < C % P ? 1 : 0);
  for (let m = 0; m < n; m++, made++) {
    const cc = `${code}-M${m + 1}`;
    registry.push(s({ code: cc, name: `Xã mẫu ${cc}`, level: "commune", type: "xa", parent: code }));
    const nCells = Math.floor(CELLS / C) + (made < CELLS % C ? 1 : 0);
    for (let q = 0; q < nCells; q++) {
      const cell = `${cc}-C${q + 1}`;
      registry.push(s({ code: cell, name: `Chi bộ mẫu ${q + 1}`, level: "cell", type: "chi_bo", parent: cc }));
      const members = 8 + Math.floor(r() * 40);
      const best = Math.floor(members * 0.15 * r());
      values.set(cell, { "members.total": members, "members.grade.htxsnv": best, "members.grade.httnv": Math.floor((members - best) * 0.6), "party.cells": 1, "members.admitted": Math.floor(r() * 3) });
    }
  }
  country.push({ registry, values });
}

const compare = process.argv.includes("--compare");
const before = compare ? await import("../tests/shared/rollup-reference.ts") : null;
const runs: number[] = [];
const beforeRuns: number[] = [];
// CPU time as well as wall time: on a shared machine the wall time mostly measures the others.
const cpuRuns: number[] = [];
const beforeCpuRuns: number[] = [];
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let i = 0; i < (quick ? 3 : 7); i++) {
  let t0 = performance.now();
  let c0 = cpuMs();
  for (const p of country) rollupTree(catalog, p.registry, p.registry[0]!.code, p.values);
  runs.push(performance.now() - t0);
  cpuRuns.push(cpuMs() - c0);
  if (!before) continue;
  t0 = performance.now();
  c0 = cpuMs();
  for (const p of country) before.rollupTree(catalog, p.registry, p.registry[0]!.code, p.values);
  beforeRuns.push(performance.now() - t0);
  beforeCpuRuns.push(cpuMs() - c0);
}
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
const sorted = [...runs].sort((a, b) => a - b);
console.log(JSON.stringify({
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, loadAverage: loadavg().map((x) => +x.toFixed(1)) },
  nationalRollupInMemory: { provinces: P, communes: C, cells: CELLS, runsMs: runs.map((x) => Math.round(x)), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!), firstMs: Math.round(runs[0]!), cpuMedianMs: median(cpuRuns),
    ...(before ? { beforeRunsMs: beforeRuns.map((x) => Math.round(x)), beforeMedianMs: median(beforeRuns), beforeCpuMedianMs: median(beforeCpuRuns) } : {}) },
}, null, 2));
