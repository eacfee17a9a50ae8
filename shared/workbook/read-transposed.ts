// Indicators as rows, one column per unit: the units are the header's names.
import type { ReportTable } from "../model.ts";
import { a1, columnLetters } from "../parse/text.ts";
import type { HeaderInput } from "./mapping.ts";
import { mapColumns } from "./map-columns.ts";
import type { RowsLayout } from "./orient.ts";
import type { Slot } from "./form-plan.ts";
import { matchUnits } from "./match-units.ts";
import { missingUnits } from "./missing-units.ts";
import { fillValues } from "./values.ts";
import { reportUnmapped } from "./unmapped.ts";
import type { Body, ReadCtx } from "./read-types.ts";

export function readTransposed(ctx: ReadCtx, rl: RowsLayout, { labels, valueCols }: { labels: HeaderInput[]; valueCols: number[] }): Body {
  const { grid, opts, addr } = ctx;
  const { catalog } = opts;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  const colOffset = grid.origin?.col ?? 0;
  // A column of figures with no unit's name over it is a unit still (its name left blank, which
  // matchUnits says), never figures dropped without a word.
  const unitCols = valueCols;
  const mapped = mapColumns(labels, catalog, opts.mapping, {});
  reportUnmapped(ctx, mapped.unmapped, (u) => addr(rl.labelColumn, u.index), (u) => labels.find((l) => l.index === u.index)?.parts ?? []);
  const names = unitCols.map((c) => ({ name: (rl.headers.get(c) ?? []).join(" "), cell: addr(c, rl.headerRow), sheetRow: null }));
  const { rows, scope, expected } = matchUnits(ctx, names);
  for (const i of missingUnits(grid.name, ctx.lang, ctx.axis, expected)) ctx.add(i);
  const table: ReportTable = { sheet: grid.name, rows, values: new Map(), decimals: new Map(), columns: new Map(), indicatorsAs: "rows" };
  const slots = mapped.mapping.map((m): Slot => ({ code: m.indicator!, whole: m.wholeIndicator, line: m.index, column: m.column, mapping: m }));
  const lineOf = new Map<string, number>();
  for (const s of slots) { lineOf.set(s.code, s.line); if (s.whole) lineOf.set(s.whole, s.line); }
  table.cellOf = (i, code) => { const line = lineOf.get(code); return line === undefined ? null : a1(unitCols[i]! + colOffset, line + rowOffset); };
  fillValues(ctx, table, slots, { row: (_i, s) => s.line, col: (i) => unitCols[i]! });
  return {
    headerRows: [rl.headerRow + rowOffset], unitColumn: null, scope, period: ctx.period, mapping: mapped.mapping, unmapped: mapped.unmapped, earlier: [],
    units: rows.map((r, i) => ({ row: rl.headerRow + rowOffset, column: columnLetters(unitCols[i]! + colOffset), name: r.name, unitId: r.unitId, isTotal: r.isTotal })),
    table, history: new Map(),
  };
}
