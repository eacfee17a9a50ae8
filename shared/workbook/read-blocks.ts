// Several tables on one sheet, read block by block and joined into one read: a unit named in
// Biểu 01 and in Biểu 02 is one row holding both tables' figures (never a repeated unit), each
// figure keeping the cell it was read from.
import type { ReportTable, TableRow } from "../model.ts";
import { a1, fold } from "../parse/text.ts";
import type { SheetRead } from "./read-types.ts";

function keyOf(r: TableRow): string {
  return r.unitId ?? (r.isTotal ? "\u0000total" : `\u0001${fold(r.name)}`);
}

/** The A1 address of row j's value of code in a block's table. */
function cellIn(t: ReportTable, j: number, code: string): string | null {
  if (t.cellOf) return t.cellOf(j, code);
  const col = t.columns.get(code);
  const row = t.rows[j]?.sheetRow;
  return col === undefined || !row ? null : a1(col, row);
}

// What each block says of the whole sheet (a hidden column, a formula notice) is said once: the
// same issue from two blocks is one statement, not two causes, and no one table's.
function sameOnce(issues: SheetRead["issues"]): SheetRead["issues"] {
  const said = new Map<string, SheetRead["issues"][number]>();
  return issues.filter((i) => {
    const key = `${i.severity}\u0000${i.rule}\u0000${i.cells.join(",")}\u0000${i.message}`;
    const first = said.get(key);
    if (first) {
      if (first.table && first.table.index !== i.table?.index) delete first.table;
      return false;
    }
    said.set(key, i);
    return true;
  });
}

export function joinBlocks(reads: SheetRead[]): SheetRead {
  const first = reads[0]!;
  const rows: TableRow[] = [];
  const at = new Map<string, number>();
  // Each block's row j is merged row index[b][j].
  const index = reads.map((r) => r.table.rows.map((row) => {
    const k = keyOf(row);
    let i = at.get(k);
    if (i === undefined) { i = rows.length; at.set(k, i); rows.push({ ...row }); }
    return i;
  }));
  // A subtotal's covered rows, in the joined table's numbering.
  reads.forEach((r, b) => r.table.rows.forEach((row, j) => { if (row.covers) rows[index[b]![j]!]!.covers = row.covers.map((x) => index[b]![x]!); }));
  const n = rows.length;
  const table: ReportTable = { sheet: first.table.sheet, rows, values: new Map(), decimals: new Map(), columns: new Map(), unreadable: new Map() };
  // Which block a code was read from (the first that maps it) and that block's row of each merged row.
  const blockOf = new Map<string, number>();
  const rowIn = reads.map((_, b) => { const back = new Int32Array(n).fill(-1); index[b]!.forEach((i, j) => { back[i] = j; }); return back; });
  reads.forEach((r, b) => {
    for (const [code, v] of r.table.values) {
      if (blockOf.has(code)) continue;
      blockOf.set(code, b);
      const d = r.table.decimals.get(code)!;
      const mv = new Float64Array(n).fill(NaN);
      const md = new Int8Array(n).fill(-1);
      index[b]!.forEach((i, j) => { mv[i] = v[j]!; md[i] = d[j]!; });
      table.values.set(code, mv);
      table.decimals.set(code, md);
      const bad = r.table.unreadable?.get(code);
      if (bad?.size) table.unreadable!.set(code, new Set([...bad].map((j) => index[b]![j]!)));
      const na = new Set([...(r.table.notApplicable?.get(code) ?? [])].map((j) => index[b]![j]!));
      // A unit this table does not list has no cell here: not a blank to fill in (missing-units.ts says the gap).
      for (let i = 0; i < n; i++) if (rowIn[b]![i]! < 0) na.add(i);
      if (na.size) (table.notApplicable ??= new Map()).set(code, na);
    }
  });
  table.cellOf = (i, code) => {
    const b = blockOf.get(code);
    if (b === undefined) return null;
    const j = rowIn[b]![i]!;
    return j < 0 ? null : cellIn(reads[b]!.table, j, code);
  };
  const history = new Map<string, Record<string, number>[]>();
  for (const r of reads) {
    for (const [id, series] of r.history) {
      const had = history.get(id);
      history.set(id, had ? had.map((rec, k) => ({ ...rec, ...(series[k] ?? {}) })) : series);
    }
  }
  const units: SheetRead["units"] = [];
  const seen = new Set<number>();
  reads.forEach((r, b) => r.units.forEach((u, j) => { const i = index[b]![j]!; if (!seen.has(i)) { seen.add(i); units.push(u); } }));
  return {
    ...first,
    headerRows: reads.flatMap((r) => r.headerRows),
    scope: first.scope ?? reads.find((r) => r.scope)?.scope ?? null,
    mapping: reads.flatMap((r) => r.mapping),
    unmapped: reads.flatMap((r) => r.unmapped),
    earlier: reads.flatMap((r) => r.earlier),
    skipped: { rows: reads.flatMap((r) => r.skipped.rows), columns: [...new Set(reads.flatMap((r) => r.skipped.columns))] },
    issues: sameOnce(reads.flatMap((r) => r.issues)),
    units, table, history,
  };
}
