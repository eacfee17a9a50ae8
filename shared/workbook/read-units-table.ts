// Units as rows, indicators as columns: the header band mapped to indicators, the unit column
// matched to the registry, the figures and earlier periods' columns read.
import type { CellValue, ReportTable } from "../model.ts";
import { columnLetters } from "../parse/text.ts";
import { cellText, type SheetLayout } from "./layout.ts";
import { valueKindOf, type HeaderInput } from "./mapping.ts";
import { mapColumns } from "./map-columns.ts";
import type { Slot } from "./form-plan.ts";
import { matchUnits } from "./match-units.ts";
import { missingUnits } from "./missing-units.ts";
import { fillValues } from "./values.ts";
import { earlierValues } from "./earlier-values.ts";
import { reportUnmapped } from "./unmapped.ts";
import { markSubtotals } from "./subtotals.ts";
import type { Body, ReadCtx } from "./read-types.ts";

export function readUnitsTable(ctx: ReadCtx, layout: SheetLayout): Body {
  const { grid, opts, addr, hiddenRows, hiddenCols } = ctx;
  const { catalog } = opts;
  const colOffset = grid.origin?.col ?? 0;
  // The legend's rows ("(x): không áp dụng") are notes, never units.
  const legend = new Set(ctx.conventions().legendRows);
  const dataRows = layout.dataRows.filter((r) => { if (legend.has(r)) return false; if (hiddenRows.has(r)) { ctx.skippedRows.add(r); return false; } return true; });
  const headerCols: HeaderInput[] = [];
  layout.headers.forEach((_, c) => {
    const parts = layout.headerParts[c] ?? [];
    if (c === layout.unitColumn || c === layout.serialColumn || parts.length === 0) return;
    if (hiddenCols.has(c)) { ctx.skippedCols.add(c); return; }
    const sample: CellValue[] = [];
    for (let k = 0; k < dataRows.length && sample.length < 200; k++) sample.push(grid.values[dataRows[k]!]?.[c]);
    headerCols.push({ index: c, column: columnLetters(c + colOffset), parts, valueKind: valueKindOf(sample) });
  });
  const mapped = mapColumns(headerCols, catalog, opts.mapping, { period: ctx.period });
  reportUnmapped(ctx, mapped.unmapped, (u) => addr(u.index, layout.headerRows[layout.headerRows.length - 1]!), (u) => layout.headerParts[u.index] ?? []);

  const { rows, scope, unitIds, expected } = matchUnits(ctx, dataRows.map((r) => ({ name: cellText(grid.values[r]?.[layout.unitColumn]), cell: addr(layout.unitColumn, r), sheetRow: r + (grid.origin?.row ?? 0) + 1 })));
  if (!ctx.inBlock) for (const i of missingUnits(grid.name, ctx.lang, ctx.axis, expected)) ctx.add(i);
  markSubtotals(grid, rows, dataRows, layout.unitColumn);
  const table: ReportTable = { sheet: grid.name, rows, values: new Map(), decimals: new Map(), columns: new Map() };
  const slots = mapped.mapping.map((m): Slot => ({ code: m.indicator!, whole: m.wholeIndicator, line: m.index, column: m.column, mapping: m }));
  for (const s of slots) { table.columns.set(s.code, s.line + colOffset); if (s.whole) table.columns.set(s.whole, s.line + colOffset); }
  fillValues(ctx, table, slots, { row: (i) => dataRows[i]!, col: (_i, s) => s.line, unitPerRow: true });
  const history = earlierValues(ctx, mapped.earlier.map((m) => ({ code: m.indicator!, line: m.index, column: m.column, mapping: m })), rows, unitIds, (i, s) => [dataRows[i]!, s.line]);
  return {
    headerRows: layout.headerRows.map((r) => r + (grid.origin?.row ?? 0) + 1),
    unitColumn: columnLetters(layout.unitColumn + colOffset),
    scope, period: mapped.period, mapping: mapped.mapping, unmapped: mapped.unmapped, earlier: mapped.earlier,
    units: rows.map((r) => ({ row: r.sheetRow!, name: r.name, unitId: r.unitId, isTotal: r.isTotal })),
    table, history, ...(expected ? { expected } : {}),
  };
}
