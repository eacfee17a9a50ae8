import { spawnSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { getCatalog, readSheet, type CellValue, type OrgUnit, type SheetGrid } from "../shared/index.ts";
import { consistentRow } from "./generate-country.ts";

/**
 * The transposed read (indicators down the side, one column per commune) at 1k, 10k and 100k
 * communes, each size in a fresh process so no memo carries over from a smaller one: the read
 * must grow linearly (100k ≤ 12× 10k). The grid is built before the clock starts. Prints JSON.
 */
const arg = process.argv[2];
if (arg) {
  const n = Number(arg);
  const catalog = getCatalog();
  let seed = 1;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const codes = [...consistentRow(rand).keys()];
  const labels = codes.map((c) => catalog.byCode.get(c)!.label.vi);
  const names = Array.from({ length: n }, (_, i) => `Xã mẫu ${String(i + 1).padStart(6, "0")}`);
  const data = names.map(() => { const r = consistentRow(rand); return codes.map((c) => (r.get(c) ?? null) as CellValue); });
  const units: OrgUnit[] = names.map((name, i) => ({ code: `B-${i}`, name, level: "commune", type: "xa", parent: "B", sample: true, aliases: [] }) as OrgUnit);
  const grid: SheetGrid = { name: "Báo cáo", values: [["STT", "Chỉ tiêu", ...names], ...codes.map((_, k) => [k + 1, labels[k]!, ...data.map((row) => row[k]!)])] };
  const t = performance.now();
  const read = readSheet(grid, { catalog, units });
  console.log(JSON.stringify({ rows: n, readMs: Math.round(performance.now() - t), units: read.table.rows.length, mapped: read.mapping.length }));
} else {
  const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
  const self = fileURLToPath(import.meta.url);
  const series = sizes.map((n) => {
    const r = spawnSync(process.execPath, ["--max-old-space-size=6144", "--import", "tsx", self, String(n)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return JSON.parse(r.stdout.trim().split("\n").pop()!) as { rows: number; readMs: number };
  });
  const at = (n: number) => series.find((s) => s.rows === n)?.readMs;
  const ratio = at(100000) && at(10000) ? Math.round((at(100000)! / at(10000)!) * 10) / 10 : null;
  console.log(JSON.stringify({
    bench: "transposed",
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAtEnd: loadavg().map((l) => Math.round(l * 10) / 10) },
    series, ratio100kOver10k: ratio, targets: { ratio100kOver10k: 12 }, pass: ratio === null ? null : ratio <= 12,
  }, null, 2));
}
