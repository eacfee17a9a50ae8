/**
 * A province formed in the reorganisation reading its past (issue 19), in the real national
 * registry (`npx tsx bench/past-rollup.ts`), printing JSON: Lâm Đồng of 1 July 2025 asks for
 * 2024, rebuilt in its communes from the communes of Bình Thuận, Đắk Nông and the old Lâm Đồng
 * (each old commune with synthetic figures, one old province left out so that the total names
 * it missing). Measures the pure part the route runs after its reads: the reconstruction in
 * today's units and the rollup-shaped answer (shared/rollup/past.ts).
 */
import { cpus, loadavg } from "node:os";
import { nationalRegistry } from "../seeds/national.ts";
import { getCatalog, pastRollup, reconstructInUnits, type StoredPartition } from "../shared/index.ts";
import { communeValues } from "../scripts/demo.ts";

const all = nationalRegistry();
const catalog = getCatalog();
const province = all.find((u) => u.parent === null && u.name === "Lâm Đồng" && !u.validTo)!;
const olds = (province.predecessors ?? []).map((c) => all.find((u) => u.code === c)!);
const stored = new Map<string, StoredPartition>();
let oldCommunes = 0;
// Đắk Nông's figures are left out: the rebuilt total must say so.
for (const p of olds.filter((u) => u.name !== "Đắk Nông")) {
  const partition = new Map<string, Record<string, Record<string, number | string | null>>>();
  for (const d of all.filter((u) => u.parent === p.code)) {
    const communes = all.filter((u) => u.parent === d.code);
    oldCommunes += communes.length;
    partition.set(d.code, Object.fromEntries(communes.map((c, i) => [c.code, communeValues(i + oldCommunes)])));
  }
  stored.set(p.code, partition);
}
const ms = () => performance.now();
const runs: number[] = [];
let answer = pastRollup(reconstructInUnits(catalog, all, province.code, "2024", "2026", stored)!, catalog.version);
for (let i = 0; i < 20; i++) {
  const t0 = ms();
  answer = pastRollup(reconstructInUnits(catalog, all, province.code, "2024", "2026", stored)!, catalog.version);
  runs.push(ms() - t0);
}
runs.sort((a, b) => a - b);
console.log(JSON.stringify({
  machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((x) => +x.toFixed(1)) },
  province: { code: province.code, communesToday: answer.completeness.unitsExpected, predecessorProvinces: olds.length, oldCommunesWithFigures: oldCommunes },
  answer: { from: answer.reconstructed!.from.length, missing: answer.reconstructed!.missing.map((c) => answer.reconstructed!.names[c]), rowsWithFigures: answer.completeness.unitsReported, approximate: answer.reconstructed!.approximate, note: answer.reconstructed!.note.vi },
  reconstructAndShapeMs: { p50: +runs[10]!.toFixed(1), p95: +runs[18]!.toFixed(1) },
}, null, 2));
