import { cpus, loadavg, totalmem } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { clearFormTemplates, compileValidator, ReaderMemo, getCatalog, readSheet, readSheets, validateReads, type CellValue, type OrgUnit, type SheetGrid } from "../shared/index.ts";
import { consistentRow, rowFormulas } from "./generate-country.ts";
import { formulaEngine } from "../shared/parse/formula-engine.ts";
import { decodeSheet, toTcvn3 } from "../shared/parse/legacy-encoding.ts";

/**
 * Reading + validation throughput of the same 10,000 communes × every catalog indicator in the
 * three layouts the reader knows: units × indicators, the transpose (one column per commune),
 * and indicators as rows (one report form per commune, as communes report since July 2025).
 * The grids are built in memory (the .xlsx load is measured by bench/validate.ts); each layout
 * is read from its grid by the core's readSheet and checked by the compiled rules. The forms are
 * measured twice: "form" as a host reads a workbook of them (readSheets + validateReads: copies
 * read from the first one's template, validated stacked), "form-each" each sheet read and
 * validated alone. "units-tcvn3" is the units layout kept in .VnTime (TCVN3), its conversion
 * timed with the read; "units-formulas" the units layout saved without formula results (sums and
 * rates as formulas with no value), their evaluation timed with the read. Prints JSON.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 10000);
/** Forms are read one sheet each; a rate does not depend on how many, so fewer keep the run short. */
const FORMS = Math.min(ROWS, Number(process.env.BENCH_FORMS ?? 1000));
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

const catalog = getCatalog();
let seed = 1;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const codes = [...consistentRow(rand).keys()];
const labels = codes.map((c) => catalog.byCode.get(c)!.label.vi);
const names = Array.from({ length: ROWS }, (_, i) => `Xã mẫu ${String(i + 1).padStart(5, "0")}`);
const data = names.map(() => { const r = consistentRow(rand); return codes.map((c) => (r.get(c) ?? null) as CellValue); });
const units: OrgUnit[] = names.map((name, i) => ({ code: `B-${i}`, name, level: "commune", type: "xa", parent: "B", sample: true, aliases: [] }) as OrgUnit);
const byName = new Map(units.map((u) => [u.name, [u]] as const));
const validate = compileValidator(catalog);

function unitsGrid(): SheetGrid {
  return { name: "Báo cáo", values: [["STT", "Đơn vị", ...labels], ...data.map((row, i) => [i + 1, names[i]!, ...row])] };
}
/** The units layout as a file kept in .VnTime: every header and unit name in TCVN3 (decoding timed with the read). */
function tcvn3Grid(): SheetGrid {
  const g = unitsGrid();
  return { ...g, values: g.values.map((row) => row.map((v) => (typeof v === "string" ? toTcvn3(v) : v))) };
}
/**
 * The units layout as a file saved without formula results (tools other than Excel write them
 * so): every sum and rate a formula with no value, computed by the core's engine in the read.
 */
const formulasOf = rowFormulas(codes, 2);
function formulasGrid(): SheetGrid {
  const g = unitsGrid();
  const formulas: (string | null)[][] = [[]];
  for (let r = 1; r < g.values.length; r++) {
    const fs = formulasOf(r + 1);
    const row = g.values[r]!.slice();
    fs.forEach((f, k) => { if (f) row[k + 2] = null; });
    g.values[r] = row;
    formulas.push([null, null, ...fs]);
  }
  return { ...g, formulas };
}
function transposedGrid(): SheetGrid {
  return { name: "Báo cáo", values: [["STT", "Chỉ tiêu", ...names], ...codes.map((_, k) => [k + 1, labels[k]!, ...data.map((row) => row[k]!)])] };
}
function formGrid(i: number): SheetGrid {
  return {
    name: names[i]!,
    values: [
      [`ĐẢNG ỦY ${names[i]!.toUpperCase()}`], ["BÁO CÁO KẾT QUẢ NĂM 2024"], [],
      ["STT", "Chỉ tiêu", "Số lượng"],
      ...codes.map((_, k) => [k + 1, labels[k]!, data[i]![k]!]),
      [], [null, "Người lập biểu", "TM. BAN THƯỜNG VỤ"],
    ],
  };
}

// The benchmark's own grids are collected before each timed read, so that collecting the
// garbage of building them (1,000 forms just made) is not charged to the reader.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

interface Result { layout: string; values: number; readMs: number; rulesMs: number; validationMs: number; valuesPerSecond: number; mapped: number; issues: number; lookEverywhereMs?: number; load?: number[] }

// A host that keeps a registry keeps the reader's memo of it (matchers, units of a day) between reads.
const memo = new ReaderMemo();

function run(layout: string, grids: () => SheetGrid[]): Result {
  const reads: number[] = [];
  const rules: number[] = [];
  let values = 0;
  let mapped = 0;
  let issues = 0;
  for (let k = 0; k < REPEAT; k++) {
    const gs = grids();
    collect();
    let tr = 0, tv = 0;
    values = 0; issues = 0; mapped = 0;
    for (const g of gs) {
      let t = process.hrtime.bigint();
      const sheet = layout === "units-tcvn3" ? decodeSheet(g, "vi").grid : g;
      const read = readSheet(sheet, { catalog, memo, units: layout === "form-each" ? byName.get(g.name) ?? [] : units, ...(layout === "units-formulas" ? { formulaEngine } : {}) });
      tr += ms(t);
      t = process.hrtime.bigint();
      const found = validate(read.table);
      tv += ms(t);
      values += read.mapping.length * read.table.rows.length;
      mapped = Math.max(mapped, read.mapping.length);
      issues += read.issues.length + found.length;
    }
    reads.push(tr);
    rules.push(tv);
  }
  const validationMs = median(reads) + median(rules);
  return { layout, values, readMs: Math.round(median(reads)), rulesMs: Math.round(median(rules)), validationMs: Math.round(validationMs), valuesPerSecond: Math.round(values / (validationMs / 1000)), mapped, issues };
}

/**
 * The forms as a host reads a workbook of them: readSheets (each copy of the form from the first
 * one's template) and validateReads (copies stacked and validated in one run), then every
 * form's mapping and values looked at, as `htct validate --json` and the pane do: all three
 * are in the figure (issue 18), each also given alone.
 */
function runBatch(layout: string, grids: () => SheetGrid[]): Result {
  const reads: number[] = [];
  const rules: number[] = [];
  const touch: number[] = [];
  const totals: number[] = [];
  const load: number[] = [];
  let values = 0, mapped = 0, issues = 0;
  for (let k = 0; k < REPEAT; k++) {
    const gs = grids();
    clearFormTemplates(catalog);
    collect();
    load.push(Math.round(loadavg()[0]! * 100) / 100);
    let t = process.hrtime.bigint();
    // As a host reads a district's or a province's workbook: every unit the forms may be for.
    const read = readSheets(gs, { catalog, memo, units });
    reads.push(ms(t));
    t = process.hrtime.bigint();
    const found = validateReads(read, () => validate);
    rules.push(ms(t));
    // Every form's mapping entries and value columns (the copies' own, made on first use).
    t = process.hrtime.bigint();
    let n = 0, seen = 0;
    for (const r of read) {
      for (const m of r.mapping) seen += m.column.length;
      for (const [, col] of r.table.values) seen += col.length;
      n += r.mapping.length * r.table.rows.length;
    }
    touch.push(ms(t));
    totals.push(reads[k]! + rules[k]! + touch[k]!);
    if (seen === 0) throw new Error("no values seen");
    values = n;
    mapped = Math.max(...read.map((r) => r.mapping.length));
    issues = found.reduce((a, f) => a + f.length, 0);
  }
  const validationMs = median(totals);
  return { layout, values, readMs: Math.round(median(reads)), rulesMs: Math.round(median(rules)), lookEverywhereMs: Math.round(median(touch)), validationMs: Math.round(validationMs), valuesPerSecond: Math.round(values / (validationMs / 1000)), mapped, issues, load };
}

const only = process.env.BENCH_LAYOUTS?.split(",");
const layouts: [string, () => SheetGrid[]][] = [
  ["units", () => [unitsGrid()]],
  ["units-tcvn3", () => [tcvn3Grid()]],
  ["units-formulas", () => [formulasGrid()]],
  ["transposed", () => [transposedGrid()]],
  ["form", () => names.slice(0, FORMS).map((_, i) => formGrid(i))],
  ["form-each", () => names.slice(0, FORMS).map((_, i) => formGrid(i))],
];
// "form": the workbook's way (readSheets + validateReads); "form-each": each sheet read and validated alone.
const results = layouts.filter(([l]) => !only || only.includes(l)).map(([l, g]) => (l === "form" ? runBatch(l, g) : run(l, g)));
console.log(JSON.stringify({
  bench: "layouts",
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  rows: ROWS, forms: FORMS, columns: codes.length, results,
  targets: { valuesPerSecond: 1_000_000 },
  // "form-each" (each sheet alone, no batch) is reported for comparison; the target is the workbook path's.
  pass: results.filter((r) => r.layout !== "form-each").every((r) => r.valuesPerSecond >= 1_000_000),
}, null, 2));
