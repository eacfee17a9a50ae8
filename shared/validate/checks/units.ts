import { a1 } from "../../parse/text.ts";
import type { Check, CheckContext } from "./check.ts";
import { shortList } from "../../messages/issues.ts";

/**
 * The workbook's own total rows against the sum of their unit rows. A SUM range that stops
 * early or skips a row makes every column of that total disagree: one cause, said once.
 */
export function unitRowChecks(ctx: CheckContext): Check[] {
  const { catalog, lang, label, fmt } = ctx;
  return [(t, _eff, emit) => {
    const totals: number[] = [];
    const units: number[] = [];
    t.rows.forEach((r, i) => (r.isTotal ? totals : units).push(i));
    if (totals.length === 0 || units.length === 0) return;
    const where = (i: number) => {
      const r = t.rows[i]!;
      if (r.sheetRow && !t.cellOf) return lang === "vi" ? `dòng ${r.sheetRow}` : `row ${r.sheetRow}`;
      if (r.name) return `"${r.name}"`;
      // A unit whose name was left blank (said apart): named by where its figures are.
      const first = t.values.keys().next().value;
      const col = first === undefined ? null : /^[A-Z]+/.exec(t.cellOf?.(i, first) ?? "")?.[0];
      return lang === "vi" ? `đơn vị chưa ghi tên${col ? ` (cột ${col})` : ""}` : `the unnamed unit${col ? ` (column ${col})` : ""}`;
    };
    for (const ti of totals) {
      // A subtotal adds up the units it groups; a grand total all the units (never the subtotals again).
      const parts = t.rows[ti]!.covers ?? units;
      if (parts.length === 0) continue;
      const groups = new Map<string, { codes: string[]; range: string; left: string }>();
      for (const [code, arr] of t.values) {
        const ind = catalog.byCode.get(code)!;
        if (ind.kind === "ratio" || ind.type === "grade" || ind.type === "percent") continue;
        let s = 0;
        let present = 0;
        for (const i of parts) if (!Number.isNaN(arr[i]!)) { s += arr[i]!; present++; }
        if (present === 0) continue;
        const v = arr[ti]!;
        if (Number.isNaN(v) || Math.abs(v - s) <= 1e-6) continue;
        const unreadable = [...(t.unreadable?.get(code) ?? [])].filter((i) => !t.rows[i]!.isTotal && parts.includes(i));
        if (unreadable.length) {
          // The unit row's cell that could not be read is the cause; the total is its consequence.
          const causedBy = unreadable.map((i) => t.cellOf?.(i, code) ?? (t.rows[i]!.sheetRow && t.columns.has(code) ? a1(t.columns.get(code)!, t.rows[i]!.sheetRow!) : "")).filter(Boolean);
          emit("error", "total_row", ti, [code], { unit: t.rows[ti]!.name, name: label(code), reported: fmt(v), sum: fmt(s), causedBy: causedBy.join(" ") });
          continue;
        }
        const why = explainTotal(arr, parts, v);
        if (!why) { emit("error", "total_row", ti, [code], { unit: t.rows[ti]!.name, name: label(code), reported: fmt(v), sum: fmt(s) }); continue; }
        const range = why.kind === "stops" ? (lang === "vi" ? `chỉ cộng đến ${where(why.at)}` : `adds up only to ${where(why.at)}`)
          : why.kind === "starts" ? (lang === "vi" ? `chỉ cộng từ ${where(why.at)}` : `adds up only from ${where(why.at)}`)
          : (lang === "vi" ? "không cộng một đơn vị" : "leaves a unit out");
        // A range that leaves out half a province's units names the first few.
        const out = shortList(why.left.map(where));
        const left = out.list + (out.more ? (lang === "vi" ? ` và ${out.more} đơn vị khác` : ` and ${out.more} more`) : "");
        const key = `${why.kind}:${why.at}:${why.left.join(",")}`;
        const g = groups.get(key) ?? { codes: [], range, left };
        g.codes.push(code);
        groups.set(key, g);
      }
      for (const g of groups.values()) {
        const names = g.codes.slice(0, 4).map(label).join(", ") + (g.codes.length > 4 ? ", …" : "");
        emit("error", "total_sum_range", ti, g.codes, { unit: t.rows[ti]!.name, range: g.range, left: g.left, count: g.codes.length, names });
      }
    }
  }];
}

/**
 * Why a total row's value differs from the sum of its units, when its value says it: the sum of
 * the units down to one of them (a SUM range that stops early), from one of them on (one that
 * starts late), or of all but one.
 */
function explainTotal(arr: Float64Array, units: number[], v: number): { kind: "stops" | "starts" | "skips"; at: number; left: number[] } | null {
  const near = (a: number) => Math.abs(a - v) <= 1e-6;
  const counts = (rest: number[]) => rest.some((i) => !Number.isNaN(arr[i]!) && arr[i]! !== 0);
  // The longest range that gives the total: zeros after the range's end do not move it, and
  // "stops at row 13" is the reading the clerk's SUM has, not "stops at row 12".
  let prefix = 0;
  let stop = -1;
  for (let k = 0; k < units.length - 1; k++) {
    const x = arr[units[k]!]!;
    if (!Number.isNaN(x)) prefix += x;
    if (near(prefix) && counts(units.slice(k + 1))) stop = k;
  }
  if (stop >= 0) return { kind: "stops", at: units[stop]!, left: units.slice(stop + 1) };
  let suffix = 0;
  let start = -1;
  for (let k = units.length - 1; k > 0; k--) {
    const x = arr[units[k]!]!;
    if (!Number.isNaN(x)) suffix += x;
    if (near(suffix) && counts(units.slice(0, k))) start = k;
  }
  if (start >= 0) return { kind: "starts", at: units[start]!, left: units.slice(0, start) };
  let total = 0;
  for (const i of units) if (!Number.isNaN(arr[i]!)) total += arr[i]!;
  for (const i of units) {
    const x = arr[i]!;
    if (!Number.isNaN(x) && x !== 0 && near(total - x)) return { kind: "skips", at: i, left: [i] };
  }
  return null;
}
