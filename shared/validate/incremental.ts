import type { CellValue, Issue, SheetGrid } from "../model.ts";
import { parseA1 } from "../parse/text.ts";
import type { SheetRead } from "../workbook/read.ts";

/**
 * Checking again after the clerk edits some rows, without reading the whole sheet from Excel:
 * which rows an edit concerns, the grid with just those rows replaced, and which issues of the
 * previous check still stand. Pure, so the pane and a property test share it.
 */

/** At most this many changed rows are patched in; past it a full read is as cheap. */
export const MAX_PATCH_ROWS = 2_000;

/**
 * 1-based sheet rows an `onChanged` address covers ("E13", "A5:C9", "Sheet1!B2", "5:7"), or
 * null when it cannot be said by rows (a whole column, several areas too many, an unreadable
 * address): the caller reads the sheet again.
 */
export function changedRows(address: string): number[] | null {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const rows = new Set<number>();
  for (const part of bare.split(",")) {
    const [a, b = a] = part.trim().replace(/\$/g, "").split(":") as [string, string?];
    let top: number, bottom: number;
    if (/^[0-9]+$/.test(a) && /^[0-9]+$/.test(b!)) { top = Number(a); bottom = Number(b); }
    else {
      const p = parseA1(a), q = parseA1(b!);
      if (!p || !q) return null;
      top = p.row; bottom = q.row;
    }
    if (top < 1 || bottom < 1) return null;
    if (top > bottom) [top, bottom] = [bottom, top];
    if (bottom - top + 1 + rows.size > MAX_PATCH_ROWS) return null;
    for (let r = top; r <= bottom; r++) rows.add(r);
  }
  return rows.size ? [...rows].sort((x, y) => x - y) : null;
}

export interface RowPatch {
  /** 1-based sheet row. */
  row: number;
  values: CellValue[];
  formats?: (string | null | undefined)[];
}

/**
 * The grid with the given rows replaced, or null when a row lies outside it (the table grew
 * or moved: the used range must be read again). The grid itself is not changed.
 */
export function patchGrid(grid: SheetGrid, patches: readonly RowPatch[]): SheetGrid | null {
  const top = grid.origin?.row ?? 0;
  const width = Math.max(0, ...grid.values.map((r) => r.length));
  const values = grid.values.slice();
  const formats = grid.formats?.slice();
  for (const p of patches) {
    const i = p.row - 1 - top;
    if (i < 0 || i >= values.length || p.values.length > width) return null;
    values[i] = p.values.slice();
    if (formats) formats[i] = p.formats ? p.formats.slice() : new Array<string | null>(p.values.length).fill(null);
  }
  return { ...grid, values, ...(formats ? { formats } : {}) };
}

/** 1-based sheet row of an A1 address, or null. */
function rowOf(cell: string): number | null {
  return parseA1(cell.includes("!") ? cell.slice(cell.lastIndexOf("!") + 1) : cell)?.row ?? null;
}

/**
 * Rows whose issues a change of `changed` can alter: the changed unit rows, every row whose unit
 * name a changed row had or now has (repeated units), and the total rows (their sums involve
 * every unit). Null when the change reaches beyond unit rows (header, title, a blank row that may
 * now be a unit) or the sheet is not one unit per row, or the layout itself moved: then every
 * issue is recomputed.
 */
/**
 * The rows to read again after the clerk edited `edited`: those, and every total row. A total is
 * usually a formula over the unit rows (E15 = SUM(E5:E14)) that Excel recalculates as the clerk
 * types, while the change event names only the cell typed into: reading the edited rows alone
 * would judge the new units against the old total ("ghi 609 nhưng cộng … 614").
 */
export function rowsToRead(read: SheetRead | null, edited: readonly number[]): number[] {
  const out = new Set(edited);
  for (const u of read?.units ?? []) if (u.isTotal) out.add(u.row);
  return [...out].sort((a, b) => a - b);
}

export function affectedRows(before: SheetRead, after: SheetRead, changed: readonly number[]): Set<number> | null {
  if (before.kind !== "units" || after.kind !== "units") return null;
  const same = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(before.headerRows, after.headerRows) || before.unitColumn !== after.unitColumn || before.scope !== after.scope || before.period !== after.period) return null;
  const cols = (r: SheetRead) => [...r.mapping, ...r.earlier].map((m) => `${m.column}=${m.indicator ?? ""}/${m.wholeIndicator ?? ""}`);
  if (!same(cols(before), cols(after))) return null;
  const rowsOf = (r: SheetRead) => r.units.map((u) => `${u.row}:${u.isTotal ? "T" : ""}:${u.unitId ?? ""}`);
  if (!same(rowsOf(before), rowsOf(after))) return null;
  const unitRows = new Map(after.units.map((u, k) => [u.row, k]));
  const out = new Set<number>();
  const names = new Set<string>();
  for (const r of changed) {
    const k = unitRows.get(r);
    if (k === undefined) return null;
    out.add(r);
    names.add(before.units[k]!.name.toLocaleLowerCase("vi")); names.add(after.units[k]!.name.toLocaleLowerCase("vi"));
    for (const id of [before.units[k]!.unitId, after.units[k]!.unitId]) if (id) names.add(`#${id}`);
  }
  for (const [k, u] of after.units.entries()) {
    const b = before.units[k]!;
    if (u.isTotal || names.has(u.name.toLocaleLowerCase("vi")) || names.has(b.name.toLocaleLowerCase("vi")) || (u.unitId && names.has(`#${u.unitId}`))) out.add(u.row);
  }
  return out;
}

/**
 * The issue list after an edit: issues lying wholly on untouched unit rows stay as they were;
 * those on affected rows, on no row, or off the unit rows (sheet-wide checks) come from the new
 * check. Same order as a full check of the sheet when `affected` is complete.
 */
export function mergeIssues(previous: readonly Issue[], fresh: readonly Issue[], affected: ReadonlySet<number> | null, unitRows: ReadonlySet<number>, sheet: string): Issue[] {
  if (!affected) return [...fresh];
  const standing = (i: Issue) => {
    if (i.sheet !== sheet) return true;
    if (!i.cells.length) return false;
    for (const c of [...i.cells, ...(i.causedBy ?? [])]) {
      const r = rowOf(c);
      if (r === null || !unitRows.has(r) || affected.has(r)) return false;
    }
    return true;
  };
  const kept = previous.filter(standing);
  const keptKeys = new Set(kept.map(issueKey));
  const recomputed = fresh.filter((i) => !standing(i) && !keptKeys.has(issueKey(i)));
  // Back in the order a full check gives: by the position of the fresh list where known.
  const order = new Map(fresh.map((i, k) => [issueKey(i), k]));
  return [...kept, ...recomputed].sort((a, b) => (order.get(issueKey(a)) ?? -1) - (order.get(issueKey(b)) ?? -1));
}

/** Identity of an issue for comparing two checks (rule, sheet, cells, message). */
export function issueKey(i: Issue): string {
  return `${i.rule}\u0000${i.sheet}\u0000${i.cells.join(",")}\u0000${i.severity}\u0000${i.message}`;
}

/** Whether two issue lists mark the sheet differently: an edit that changes no issue writes nothing. */
export function marksChanged(before: readonly Issue[], after: readonly Issue[]): boolean {
  if (before.length !== after.length) return true;
  const a = new Set(before.map(issueKey));
  return after.some((i) => !a.has(issueKey(i)));
}
