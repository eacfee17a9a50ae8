// The reader's entry: a sheet as clerks keep it, classified (orient.ts), then read by its
// layout's stage modules into a table the validator and rollup understand.
import type { Issue, SheetGrid } from "../model.ts";
import { a1, columnLetters } from "../parse/text.ts";
import { render, shortList } from "../messages/issues.ts";
import type { ColumnMapping } from "./mapping.ts";
import { explainMapping } from "./explain.ts";
import { classifySheet, type SheetClass } from "./orient.ts";
import { blockGrid, tableBlocks } from "./table-blocks.ts";
import { joinBlocks } from "./read-blocks.ts";
import { issueTable } from "./block-names.ts";
import { missingAcrossTables } from "./missing-units.ts";
import { computeFormulas } from "./formula-cells.ts";
import { readConventions } from "./conventions.ts";
import { findForm } from "./form-template.ts";
import { titlePeriod } from "./period.ts";
import { ReaderMemo } from "./reader-memo.ts";
import { readUnitsTable } from "./read-units-table.ts";
import { readTransposed } from "./read-transposed.ts";
import { formPlanFor, readFormValues } from "./read-form.ts";
import { rowLabels } from "./row-labels.ts";
import { emptyTable, type Push, type ReadCtx, type ReadOptions, type SheetRead, type StackSink } from "./read-types.ts";

export type { FormStack, ReadOptions, SheetRead, StackSink } from "./read-types.ts";

/** Reads a sheet as clerks keep it into a table the validator and rollup understand. */
export function readSheet(grid: SheetGrid, opts: ReadOptions): SheetRead {
  return readSheetWith(grid, opts, undefined, null);
}

/** The key of the options a form's plan depends on. */
export function formKeyOf(opts: ReadOptions): string {
  return `${opts.lang ?? "vi"}\u0001${opts.mapping ? JSON.stringify(opts.mapping) : ""}`;
}

const copies = (list: ColumnMapping[]) => list.map((m) => ({ ...m }));

/** `found`: the template lookup already made (undefined: make it); `sink`: the stack row to fill. */
export function readSheetWith(raw: SheetGrid, given: ReadOptions, found: ReturnType<typeof findForm> | undefined, sink: StackSink | null): SheetRead {
  const opts: ReadOptions = given.memo ? given : { ...given, memo: new ReaderMemo() };
  // Formulas saved without results are computed first; the clerk is told which.
  const { grid, issues } = computeFormulas(raw, opts.lang ?? "vi", opts.workbook, opts.formulaEngine);
  const read = readBlocks(grid, opts, found, sink);
  if (issues.length) read.issues.unshift(...issues);
  return read;
}

function readBlocks(grid: SheetGrid, opts: ReadOptions, found: ReturnType<typeof findForm> | undefined, sink: StackSink | null): SheetRead {
  if (found === undefined) found = findForm(grid, formKeyOf(opts), opts.catalog);
  const cls = found?.cls ?? classifySheet(grid, opts.catalog);
  // Several tables on one sheet (units as rows): each block read on its own, then joined.
  if (cls.kind === "units" && !sink) {
    const blocks = tableBlocks(grid, cls.layout!);
    if (blocks.length > 1) {
      const lang = opts.lang ?? "vi";
      const reads: SheetRead[] = [];
      for (const b of blocks) {
        const bg = blockGrid(grid, b);
        const period = opts.period ?? (reads.length ? titlePeriod({ ...bg, name: "" }, 3) ?? reads[0]!.period : null);
        const read = readTable(bg, period ? { ...opts, period } : opts, null, null, undefined, true);
        if (read.kind === "none") break;
        // What a table's reading found is that table's (joinBlocks unnames what two tables both say).
        const table = issueTable(reads.length + 1, b.title, lang);
        for (const i of read.issues) i.table = table;
        reads.push(read);
      }
      if (reads.length === blocks.length) {
        const joined = joinBlocks(reads);
        joined.blocks = blocks.map((b, i) => ({ title: b.title, firstRow: b.top + (grid.origin?.row ?? 0) + 1, lastRow: b.bottom + (grid.origin?.row ?? 0), kind: reads[i]!.kind }));
        // The registry's units are judged over the tables together, not table by table.
        joined.issues.push(...missingAcrossTables(grid.name, lang, reads.map((r, i) => ({ expected: r.expected, table: issueTable(i + 1, blocks[i]!.title, lang) }))));
        delete joined.expected;
        return joined;
      }
    }
  }
  return readTable(grid, opts, found, sink, cls);
}

/** One table: the whole sheet, or one block of it. */
function readTable(grid: SheetGrid, opts: ReadOptions, found: ReturnType<typeof findForm> | undefined, sink: StackSink | null, known?: SheetClass, inBlock = false): SheetRead {
  const lang = opts.lang ?? "vi";
  const { catalog } = opts;
  const memo = opts.memo!;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  const colOffset = grid.origin?.col ?? 0;
  const addr = (c: number, r: number) => a1(c + colOffset, r + rowOffset);
  // A copy of a form already read is not classified again (its cells say the result would be the same).
  const formKey = formKeyOf(opts);
  if (found === undefined) found = findForm(grid, formKey, catalog);
  const template = found?.template ?? null;
  const cls = known ?? found?.cls ?? classifySheet(grid, catalog);
  const issues: Issue[] = [];
  const axis = cls.kind === "units" || cls.kind === "none" ? "column" : "row";
  const push: Push = (severity, rule, cells, unit, indicators, params) => {
    // On a sheet of indicators as rows a stage's `column` is the indicator's row ("11") or its
    // value cell ("D11"): the message names the row.
    const column = axis === "row" && typeof params.column === "string" ? params.column.replace(/^[A-Z]+(?=[0-9])/, "") : params.column;
    issues.push({ severity, rule, sheet: grid.name, cells, unit, indicators, ...render(rule, lang, { axis, ...params, ...(column === undefined ? {} : { column }) }) });
  };
  const base = { sheet: grid.name, kind: cls.kind, kindConfidence: cls.confidence, kindReason: cls.reason[lang] };
  if (cls.kind === "none") {
    push("error", "no_layout", [], null, [], { reason: cls.reason[lang] });
    return { ...base, headerRows: [], unitColumn: null, scope: null, period: null, mapping: [], unmapped: [], earlier: [], units: [], table: emptyTable(grid.name), issues, skipped: { rows: [], columns: [] }, history: new Map() };
  }
  const skippedRows = new Set<number>();
  const skippedCols = new Set<number>();
  const top = cls.layout ? cls.layout.headerRows[0]! : (cls.rows!.subHeaderRow !== null ? cls.rows!.headerRow - 1 : cls.rows!.headerRow);
  const period = opts.period ?? titlePeriod(grid, top);
  let conventions: ReturnType<typeof readConventions> | undefined;
  const ctx: ReadCtx = {
    grid, opts, memo, lang, addr, push, period, skippedRows, skippedCols, axis, inBlock, add: (i) => { issues.push(i); },
    hiddenRows: new Set(grid.hiddenRows ?? []), hiddenCols: new Set(grid.hiddenColumns ?? []),
    conventions: () => (conventions ??= readConventions(grid)), symbolCells: [],
  };
  const { sharedLists, ...body } = cls.kind === "units" ? readUnitsTable(ctx, cls.layout!)
    : cls.kind === "transposed" ? readTransposed(ctx, cls.rows!, rowLabels(ctx, cls.rows!, "transposed"))
    : readFormValues(ctx, formPlanFor(ctx, cls, template, formKey), sink);
  if (ctx.symbolCells.length) {
    const cells = ctx.symbolCells.map((s) => s.cell);
    push("info", "symbol_usual_meaning", cells, null, [], { count: cells.length, cells: cells.slice(0, 8).join(", ") + (cells.length > 8 ? ", …" : ""), symbols: [...new Set(ctx.symbolCells.map((s) => `"${s.raw}"`))].join(", ") });
  }
  const rows = [...skippedRows].sort((a, b) => a - b).map((r) => r + rowOffset);
  const cols = [...skippedCols].sort((a, b) => a - b).map((c) => columnLetters(c + colOffset));
  if (rows.length || cols.length) {
    const r = shortList(rows);
    const c = shortList(cols);
    push("info", "hidden_skipped", [], null, [], { rows: r.list, more: r.more, columns: c.list, moreColumns: c.more, count: rows.length + cols.length, rowCount: rows.length, colCount: cols.length });
  }
  // Below the confidence threshold a column is used but the clerk is asked to confirm it.
  for (const m of body.mapping) {
    if (!m.confirm) continue;
    push("info", "mapping_confirm", [], null, [m.indicator!], { column: m.column, header: m.header, why: explainMapping(m, catalog, lang) });
  }
  const mappedCodes = body.earlier.length ? new Set(body.mapping.map((m) => m.indicator)) : null;
  const earlier = mappedCodes ? body.earlier.filter((m) => m.indicator && mappedCodes.has(m.indicator)) : [];
  // A form plan's entries are shared by its copies, and readers annotate the entries they are given.
  const own = sharedLists ? copies : (list: ColumnMapping[]) => list;
  return {
    ...base, ...body, period: body.period ?? period, issues: [...issues],
    skipped: { rows, columns: cols },
    mapping: own(body.mapping), unmapped: own(body.unmapped), earlier: own(earlier),
  };
}
