import { evaluationOrder, type Catalog, type Indicator } from "../catalog/catalog.ts";
import type { ReportTable, TableRow } from "../model.ts";

/**
 * Every indicator's value per row as far as the row determines it: the reported value when there
 * is one, otherwise what follows from other values — a total from all of its parts, a grade's class
 * count from the grade, a unit-count from the row being such a unit, a rate from its numerator
 * and denominator. Missing stays NaN. Arrays are shared with the table where nothing is derived.
 */
export type Effective = Map<string, Float64Array>;

export function rowCountsAs(row: TableRow, level: "commune" | "district"): boolean {
  if (row.isTotal) return false;
  return row.level === level || (row.level === null && level === "commune");
}

/**
 * `partialSums`: a total is the sum of whichever parts are present. Validation needs all parts
 * (a total of some parts is not the total, and comparing with it would raise false alarms); a
 * rollup needs every row to contribute what it reported, so that rolling up rollups gives the
 * same sums as rolling up all rows at once.
 */
export function effectiveValues(table: ReportTable, catalog: Catalog, opts: { partialSums?: boolean; rates?: boolean } = {}): Effective {
  const n = table.rows.length;
  const out: Effective = new Map();
  for (const ind of opts.rates === false ? orderWithoutRates(catalog) : evaluationOrder(catalog)) {
    const reported = table.values.get(ind.code);
    const derived = derive(ind, table, out, n, opts.partialSums ?? false);
    if (!derived) { if (reported) out.set(ind.code, reported); continue; }
    if (reported) for (let i = 0; i < n; i++) if (!Number.isNaN(reported[i]!)) derived[i] = reported[i]!;
    out.set(ind.code, derived);
  }
  return out;
}

/**
 * The evaluation order without the rates nothing else is made of. A rollup keeps only additive
 * quantities and computes rates itself after summing, so deriving them per row is wasted.
 */
const withoutRates = new WeakMap<Catalog, readonly Indicator[]>();
function orderWithoutRates(catalog: Catalog): readonly Indicator[] {
  let hit = withoutRates.get(catalog);
  if (!hit) {
    const parts = new Set(catalog.indicators.flatMap((i) => [...(i.of ?? []), ...(i.numerator ?? []), ...(i.denominator ?? [])]));
    hit = evaluationOrder(catalog).filter((i) => i.kind !== "ratio" || parts.has(i.code));
    withoutRates.set(catalog, hit);
  }
  return hit;
}

function derive(ind: Indicator, table: ReportTable, eff: Effective, n: number, partialSums: boolean): Float64Array | null {
  if (ind.kind === "ratio") {
    const num = ind.numerator!.map((c) => eff.get(c));
    const den = ind.denominator!.map((c) => eff.get(c));
    if (num.some((a) => !a) || den.some((a) => !a)) return null;
    const out = new Float64Array(n);
    const scale = ind.scale ?? 100;
    for (let i = 0; i < n; i++) {
      let a = 0;
      let b = 0;
      for (const arr of num) a += arr![i]!;
      for (const arr of den) b += arr![i]!;
      out[i] = b > 0 ? (a / b) * scale : NaN;
    }
    return out;
  }
  let out: Float64Array | null = null;
  if (ind.kind === "sum") {
    // No array per indicator when none of its parts is present (most of them, for a party
    // cell's table: this runs for every indicator of every table a rollup builds).
    let found: Float64Array[] | null = null;
    for (const c of ind.of!) { const a = eff.get(c); if (a) (found ??= []).push(a); }
    const parts = found ?? [];
    if (parts.length === ind.of!.length || (partialSums && parts.length > 0)) {
      out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        let present = 0;
        for (const arr of parts) if (!Number.isNaN(arr[i]!)) { s += arr[i]!; present++; }
        out[i] = present === ind.of!.length || (partialSums && present > 0) ? s : NaN;
      }
    }
  }
  if (ind.fromGrade) {
    const grade = table.values.get(ind.fromGrade.indicator);
    const cls = ind.fromGrade.index;
    if (grade && cls >= 0) {
      out ??= new Float64Array(n).fill(NaN);
      for (let i = 0; i < n; i++) if (!Number.isNaN(grade[i]!)) out[i] = grade[i] === cls ? 1 : 0;
    }
  }
  if (ind.countsUnits) {
    const level = ind.countsUnits;
    if (table.rows.some((r) => rowCountsAs(r, level))) {
      out ??= new Float64Array(n).fill(NaN);
      for (let i = 0; i < n; i++) if (Number.isNaN(out[i]!) && rowCountsAs(table.rows[i]!, level)) out[i] = 1;
    }
  }
  return out;
}
