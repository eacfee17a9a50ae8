import ExcelJS from "exceljs";
import { evaluationOrder, getCatalog, type Indicator } from "../shared/index.ts";

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

export async function writeCountryWorkbook(path: string, rows: number, seed = 1): Promise<{ columns: number }> {
  const catalog = getCatalog();
  let s = seed;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const sample = consistentRow(rand);
  const codes = [...sample.keys()];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet("Báo cáo");
  ws.addRow(["STT", "Đơn vị", ...codes.map((c) => catalog.byCode.get(c)!.label.vi)]).commit();
  for (let r = 0; r < rows; r++) {
    const row = consistentRow(rand);
    ws.addRow([r + 1, `Xã mẫu ${String(r + 1).padStart(5, "0")}`, ...codes.map((c) => row.get(c) ?? null)]).commit();
  }
  ws.commit();
  await wb.commit();
  return { columns: codes.length };
}
