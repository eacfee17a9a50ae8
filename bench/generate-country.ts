import ExcelJS from "exceljs";
import { evaluationOrder, getCatalog, type Indicator } from "../shared/index.ts";
import { toTcvn3 } from "../shared/parse/legacy-encoding.ts";
import { columnLetters } from "../shared/parse/text.ts";

/**
 * A synthetic workbook of `rows` communes × every catalog indicator, with values that mostly
 * respect the catalog's part/whole rules (as real, mostly clean submissions do) so the benchmark
 * measures validation, not message formatting.
 */
export function consistentRow(rand: () => number): Map<string, number | string> {
  const catalog = getCatalog();
  const depth = new Map<string, number>();
  const edges: [string, string][] = [];
  for (const r of catalog.rules) {
    if (r.type === "part_le_whole") edges.push([r.part, r.whole]);
    else for (const p of r.parts) edges.push([p, r.whole]);
  }
  for (const ind of catalog.indicators) for (const p of ind.of ?? []) edges.push([p, ind.code]);
  for (let pass = 0; pass < 12; pass++) {
    for (const [part, whole] of edges) depth.set(part, Math.max(depth.get(part) ?? 0, (depth.get(whole) ?? 0) + 1));
  }
  const out = new Map<string, number | string>();
  const value = (ind: Indicator) => Math.floor((200000 / 8 ** (depth.get(ind.code) ?? 0)) * (0.9 + 0.1 * rand()));
  const order = evaluationOrder(catalog).filter((ind) => !ind.fromGrade && !ind.code.endsWith(".graded"));
  for (const ind of order) {
    if (ind.kind !== "input") continue;
      if (ind.type === "grade") out.set(ind.code, ind.classes![Math.floor(rand() * ind.classes!.length)]!.label.vi);
      else if (ind.type === "yesno" || ind.countsUnits) out.set(ind.code, rand() < 0.8 ? 1 : 0);
      else if (ind.type === "number") out.set(ind.code, Math.round(rand() * 1000) / 100);
      else out.set(ind.code, value(ind));
  }
  // A whole that is a handful of units (party organisations of a commune) bounds its parts too.
  const effective = (code: string): number => {
    const v = out.get(code);
    if (typeof v === "number") return v;
    const ind = catalog.byCode.get(code)!;
    return ind.of ? ind.of.reduce((a, c) => a + effective(c), 0) : Infinity;
  };
  for (const r of catalog.rules) {
    const parts = r.type === "part_le_whole" ? [r.part] : r.parts;
    const whole = effective(r.whole);
    for (const p of parts) {
      const v = out.get(p);
      if (typeof v === "number" && v * parts.length > whole) out.set(p, Math.floor(whole / parts.length));
    }
  }
  for (const ind of order) {
    if (ind.kind === "input") continue;
    if (ind.kind === "sum") {
      const parts = ind.of!.map((c) => out.get(c));
      if (parts.every((p) => typeof p === "number")) out.set(ind.code, (parts as number[]).reduce((a, b) => a + b, 0));
    } else {
      const sum = (codes: string[]) => codes.reduce((s, c) => s + (typeof out.get(c) === "number" ? (out.get(c) as number) : NaN), 0);
      const num = sum(ind.numerator!);
      const den = sum(ind.denominator!);
      if (den > 0 && Number.isFinite(num)) out.set(ind.code, Math.round((num / den) * 10000) / 100);
    }
  }
  return out;
}

/**
 * The formula a clerk's sheet holds for each computed indicator of the row (1-based `row`), its
 * columns from the first at `firstCol` (0-based) in `codes` order: a sum of its parts, a rate
 * ROUND(numerator / denominator × 100, 2), blank when the denominator is 0 (as the values leave
 * it). Only where every code it reads is a column of the sheet.
 */
export function rowFormulas(codes: readonly string[], firstCol: number): (row: number) => (string | null)[] {
  const catalog = getCatalog();
  const at = new Map(codes.map((c, k) => [c, k + firstCol] as const));
  const shapes = codes.map((code) => {
    const ind = catalog.byCode.get(code)!;
    const cols = (list: readonly string[] | undefined) => (list?.every((c) => at.has(c)) ? list.map((c) => columnLetters(at.get(c)!)) : null);
    if (ind.kind === "sum") { const of = cols(ind.of); return of ? (r: number) => `=SUM(${of.map((c) => c + r).join(",")})` : null; }
    if (ind.kind === "ratio") {
      const num = cols(ind.numerator), den = cols(ind.denominator);
      if (!num || !den) return null;
      return (r: number) => { const n = `SUM(${num.map((c) => c + r).join(",")})`, d = `SUM(${den.map((c) => c + r).join(",")})`; return `=IF(${d}>0,ROUND(${n}/${d}*100,2),"")`; };
    }
    return null;
  });
  return (row) => shapes.map((f) => (f ? f(row) : null));
}

export interface CountryOptions {
  /** Every text (headers, names, grades) in TCVN3, as a file kept in .VnTime since the 2000s. */
  tcvn3?: boolean;
  /** Sums and rates as formulas saved without their results, as tools other than Excel write them. */
  formulas?: boolean;
}

export async function writeCountryWorkbook(path: string, rows: number, seed = 1, opts: CountryOptions = {}): Promise<{ columns: number; formulas: number }> {
  const catalog = getCatalog();
  let s = seed;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const sample = consistentRow(rand);
  const codes = [...sample.keys()];
  const text = opts.tcvn3 ? toTcvn3 : (t: string) => t;
  const formulasOf = opts.formulas ? rowFormulas(codes, 2) : null;
  let formulas = 0;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet("Báo cáo");
  ws.addRow(["STT", text("Đơn vị"), ...codes.map((c) => text(catalog.byCode.get(c)!.label.vi))]).commit();
  for (let r = 0; r < rows; r++) {
    const row = consistentRow(rand);
    const fs = formulasOf?.(r + 2);
    const cells = codes.map((c, k): ExcelJS.CellValue => {
      const f = fs?.[k];
      if (f) { formulas++; return { formula: f.slice(1) } as ExcelJS.CellFormulaValue; }
      const v = row.get(c) ?? null;
      return typeof v === "string" ? text(v) : v;
    });
    ws.addRow([r + 1, text(`Xã mẫu ${String(r + 1).padStart(5, "0")}`), ...cells]).commit();
  }
  ws.commit();
  await wb.commit();
  return { columns: codes.length, formulas };
}
