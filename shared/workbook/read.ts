import type { Catalog, Indicator } from "../catalog/catalog.ts";
import type { CellValue, Issue, Lang, ReportTable, SheetGrid, TableRow } from "../model.ts";
import { decimalsOf, parseCell, type Parsed } from "../parse/number.ts";
import { a1, columnLetters, fold, foldExpand } from "../parse/text.ts";
import { createUnitMatcher, type OrgUnit } from "../registry/orgunits.ts";
import { inferScope } from "../registry/scope.ts";
import { lifespan, unitsValidIn, validOn } from "../registry/dated.ts";
import { parsePeriod as calendarPeriod, periodLastDay } from "../calendar/periods.ts";
import { render } from "../messages/issues.ts";
import { cellText, isTotalName, type SheetLayout } from "./layout.ts";
import { isFooterText, isNumberingCell, isTitleText, measureUnit, parseRowLabel, valueRole } from "./labels.ts";
import { mapColumns, matchHeader, valueKindOf, type ColumnMapping, type HeaderInput, type SavedMapping } from "./mapping.ts";
import { explainMapping } from "./explain.ts";
import { classifySheet, type RowsLayout, type SheetClass, type SheetKind } from "./orient.ts";
import type { FormPlan, FormSlot, Slot } from "./form-plan.ts";
import { findForm, rememberForm, type FormTemplate } from "./form-template.ts";
import { isPeriodPart, periodInText, relativePeriod } from "./period.ts";

export interface ReadOptions {
  catalog: Catalog;
  /** Registry units the rows may name (usually one district's communes, or a province's districts). */
  units?: readonly OrgUnit[];
  /** The whole registry, when `units` is not given: the sheet's scope is inferred from its names. */
  registry?: readonly OrgUnit[];
  mapping?: SavedMapping;
  lang?: Lang;
  /**
   * The reporting period, when the host knows it; else the title's period, else the latest the
   * headers name. Rows are matched against the units valid on its last day.
   */
  period?: string | null;
}

export interface SheetRead {
  sheet: string;
  /** What the sheet is (units × indicators, transposed, a one-unit form, not data), how sure, and why. */
  kind: SheetKind;
  kindConfidence: number;
  kindReason: string;
  /** The reporting period the sheet's data are read for (the title's, the host's, or the latest column's). */
  period: string | null;
  /** 1-based sheet rows of the header band. */
  headerRows: number[];
  unitColumn: string | null;
  /** The registry unit the rows belong to (the district of a commune sheet), when known. */
  scope: string | null;
  mapping: ColumnMapping[];
  unmapped: ColumnMapping[];
  /** Columns of earlier periods: history for the unusual-change check, never this period's data. */
  earlier: ColumnMapping[];
  /** Earlier values per registry unit, oldest first (RunOptions.history). */
  history: Map<string, Record<string, number>[]>;
  /** Hidden rows (1-based) and columns (letters) left out of the data. */
  skipped: { rows: number[]; columns: string[] };
  /** Unit rows; in a transposed table, `column` is the unit's column. */
  units: { row: number; column?: string; name: string; unitId: string | null; isTotal: boolean }[];
  table: ReportTable;
  /** Issues found while reading: unreadable cells, formula errors, unknown or repeated units. */
  issues: Issue[];
}

function emptyTable(sheet: string): ReportTable {
  return { sheet, rows: [], values: new Map(), decimals: new Map(), columns: new Map() };
}

const gradeLookup = new WeakMap<Indicator, Map<string, number>>();

/** A grade as written ("Tốt", "tot", "HTTNV", "Hoàn thành tốt nhiệm vụ") to its class index; NaN when blank, −1 when unknown. */
export function gradeIndex(ind: Indicator, raw: CellValue, abbreviations: Record<string, string>): number {
  const f = fold(cellText(raw));
  if (!f) return NaN;
  let lookup = gradeLookup.get(ind);
  if (!lookup) {
    lookup = new Map();
    (ind.classes ?? []).forEach((c, i) => {
      for (const name of [fold(c.label.vi), c.code, ...c.aliases]) if (!lookup!.has(name)) lookup!.set(name, i);
    });
    gradeLookup.set(ind, lookup);
  }
  return lookup.get(f) ?? lookup.get(foldExpand(f, abbreviations)) ?? -1;
}

/** Reads a sheet as clerks keep it into a table the validator and rollup understand. */
export function readSheet(grid: SheetGrid, opts: ReadOptions): SheetRead {
  return readSheetWith(grid, opts, undefined, null);
}

/** The key of the options a form's plan depends on. */
export function formKeyOf(opts: ReadOptions): string {
  return `${opts.lang ?? "vi"}\u0001${opts.mapping ? JSON.stringify(opts.mapping) : ""}`;
}

/**
 * Where the figures of copies of one form go when they are read together (readSheets): one
 * column per indicator, one row per copy, instead of a table of one row each.
 */
export interface FormStack {
  plan: FormPlan;
  columns: Map<string, { v: Float64Array; d: Int8Array }>;
  /** The copies' tables, by row. */
  tables: ReportTable[];
}

/** `found`: the template lookup already made (undefined: make it); `sink`: the stack row to fill. */
export function readSheetWith(grid: SheetGrid, opts: ReadOptions, found: ReturnType<typeof findForm> | undefined, sink: { stack: FormStack; row: number } | null): SheetRead {
  const lang = opts.lang ?? "vi";
  const { catalog } = opts;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  const colOffset = grid.origin?.col ?? 0;
  const addr = (c: number, r: number) => a1(c + colOffset, r + rowOffset);
  // A copy of a form already read is not classified again (its cells say the result would be the same).
  const formKey = formKeyOf(opts);
  if (found === undefined) found = findForm(grid, formKey, catalog);
  const template = found?.template ?? null;
  const cls = found?.cls ?? classifySheet(grid, catalog);
  const issues: Issue[] = [];
  const push = (severity: Issue["severity"], rule: string, cells: string[], unit: string | null, indicators: string[], params: Record<string, string | number>) =>
    issues.push({ severity, rule, sheet: grid.name, cells, unit, indicators, ...render(rule, lang, params) });
  const base = { sheet: grid.name, kind: cls.kind, kindConfidence: cls.confidence, kindReason: cls.reason[lang] };
  if (cls.kind === "none") {
    push("error", "no_layout", [], null, [], { reason: cls.reason[lang] });
    return { ...base, headerRows: [], unitColumn: null, scope: null, period: null, mapping: [], unmapped: [], earlier: [], units: [], table: emptyTable(grid.name), issues, skipped: { rows: [], columns: [] }, history: new Map() };
  }
  const hiddenRows = new Set(grid.hiddenRows ?? []);
  const hiddenCols = new Set(grid.hiddenColumns ?? []);
  const skippedRows = new Set<number>();
  const skippedCols = new Set<number>();
  const top = cls.layout ? cls.layout.headerRows[0]! : (cls.rows!.subHeaderRow !== null ? cls.rows!.headerRow - 1 : cls.rows!.headerRow);
  const period = opts.period ?? titlePeriod(grid, top);
  const ctx: Ctx = { grid, opts, lang, addr, push, hiddenRows, hiddenCols, skippedRows, skippedCols, period };
  const body = cls.kind === "units" ? readUnitsTable(ctx, cls.layout!)
    : cls.kind === "transposed" ? readTransposed(ctx, cls.rows!, rowLabels(ctx, cls.rows!, "transposed"))
    : readFormValues(ctx, formPlanFor(ctx, cls, template, formKey), sink);
  if (skippedRows.size || skippedCols.size) {
    const rows = [...skippedRows].sort((a, b) => a - b).map((r) => r + rowOffset);
    const cols = [...skippedCols].sort((a, b) => a - b).map((c) => columnLetters(c + colOffset));
    push("info", "hidden_skipped", [], null, [], { rows: rows.join(", "), columns: cols.join(", "), count: rows.length + cols.length });
  }
  // Below the confidence threshold a column is used but the clerk is asked to confirm it.
  for (const m of body.mapping) {
    if (!m.confirm) continue;
    push("info", "mapping_confirm", [], null, [m.indicator!], { column: m.column, header: m.header, why: explainMapping(m, opts.catalog, lang) });
  }
  const mappedCodes = body.earlier.length ? new Set(body.mapping.map((m) => m.indicator)) : null;
  const read: SheetRead = {
    ...base, ...body, period: body.period ?? period, issues: [...issues],
    skipped: { rows: [...skippedRows].sort((a, b) => a - b).map((r) => r + rowOffset), columns: [...skippedCols].sort((a, b) => a - b).map((c) => columnLetters(c + colOffset)) },
    earlier: mappedCodes ? body.earlier.filter((m) => m.indicator && mappedCodes.has(m.indicator)) : [],
  };
  if (sharedLists.has(body)) ownCopies(read, { mapping: read.mapping, unmapped: read.unmapped, earlier: read.earlier });
  return read;
}

interface Ctx {
  grid: SheetGrid;
  opts: ReadOptions;
  lang: Lang;
  addr: (c: number, r: number) => string;
  push: (severity: Issue["severity"], rule: string, cells: string[], unit: string | null, indicators: string[], params: Record<string, string | number>) => void;
  hiddenRows: Set<number>;
  hiddenCols: Set<number>;
  skippedRows: Set<number>;
  skippedCols: Set<number>;
  period: string | null;
}

type Body = Omit<SheetRead, "sheet" | "kind" | "kindConfidence" | "kindReason" | "issues" | "skipped">;
/** Bodies whose mapping, unmapped and earlier are a form plan's, shared by its copies: never handed out as they are. */
const sharedLists = new WeakSet<Body>();

/**
 * Each read gets its own copies of a plan's mapping entries (readers annotate the entries they
 * are given), made when first looked at: a host that only validates a workbook of forms never
 * pays for a thousand copies of three hundred entries.
 */
function ownCopies(read: SheetRead, lists: Pick<SheetRead, "mapping" | "unmapped" | "earlier">): void {
  for (const key of ["mapping", "unmapped", "earlier"] as const) {
    const from = lists[key];
    const own = (v: ColumnMapping[]) => Object.defineProperty(read, key, { value: v, writable: true, configurable: true, enumerable: true });
    if (!from.length) { own([]); continue; }
    Object.defineProperty(read, key, {
      configurable: true, enumerable: true,
      get() { const v = from.map((m) => ({ ...m })); own(v); return v; },
      set(v: ColumnMapping[]) { own(v); },
    });
  }
}

/** The period the title rows name ("BÁO CÁO … NĂM 2023"), then the sheet's name. */
function titlePeriod(grid: SheetGrid, above: number): string | null {
  for (let r = 0; r < Math.min(above, 12); r++) {
    for (const v of grid.values[r] ?? []) {
      const t = cellText(v);
      if (!t || isFooterText(t)) continue;
      const p = periodInText(t);
      if (p) return p.period;
    }
  }
  return periodInText(grid.name)?.period ?? null;
}


function readUnitsTable(ctx: Ctx, layout: SheetLayout): Body {
  const { grid, opts, addr, push, hiddenRows, hiddenCols } = ctx;
  const { catalog, lang } = { catalog: opts.catalog, lang: ctx.lang };
  const colOffset = grid.origin?.col ?? 0;
  const dataRows = layout.dataRows.filter((r) => { if (hiddenRows.has(r)) { ctx.skippedRows.add(r); return false; } return true; });
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

  const { rows, scope, unitIds } = matchUnits(ctx, dataRows.map((r) => ({ name: cellText(grid.values[r]?.[layout.unitColumn]), cell: addr(layout.unitColumn, r), sheetRow: r + (grid.origin?.row ?? 0) + 1 })));
  const table: ReportTable = { sheet: grid.name, rows, values: new Map(), decimals: new Map(), columns: new Map() };
  const slots = mapped.mapping.map((m): Slot => ({ code: m.indicator!, whole: m.wholeIndicator, line: m.index, column: m.column, mapping: m }));
  for (const s of slots) { table.columns.set(s.code, s.line + colOffset); if (s.whole) table.columns.set(s.whole, s.line + colOffset); }
  fillValues(ctx, table, slots, { row: (i) => dataRows[i]!, col: (_i, s) => s.line });
  const history = earlierValues(ctx, mapped.earlier.map((m) => ({ code: m.indicator!, line: m.index, column: m.column, mapping: m })), rows, unitIds, (i, s) => [dataRows[i]!, s.line]);
  void lang;
  return {
    headerRows: layout.headerRows.map((r) => r + (grid.origin?.row ?? 0) + 1),
    unitColumn: columnLetters(layout.unitColumn + colOffset),
    scope, period: mapped.period, mapping: mapped.mapping, unmapped: mapped.unmapped, earlier: mapped.earlier,
    units: rows.map((r) => ({ row: r.sheetRow!, name: r.name, unitId: r.unitId, isTotal: r.isTotal })),
    table, history,
  };
}

function reportUnmapped(ctx: Ctx, unmapped: ColumnMapping[], where: (u: ColumnMapping) => string, parts: (u: ColumnMapping) => string[]): void {
  const { catalog } = ctx.opts;
  for (const u of unmapped) {
    if (u.source === "saved") continue;
    const guess = matchHeader(parts(u), catalog);
    const suggestion = guess.indicator && guess.confidence >= 0.35 ? catalog.byCode.get(guess.indicator)!.label[ctx.lang] : "";
    ctx.push("info", "unmapped_column", [where(u)], null, [], { column: u.column, header: u.header, suggestion });
  }
}

/** Names to table rows: registry matches, misspellings, unknown and repeated units, missing ones. */
function matchUnits(ctx: Ctx, names: { name: string; cell: string; sheetRow: number | null }[], single = false): { rows: TableRow[]; scope: string | null; unitIds: (string | null)[] } {
  const { opts, push } = ctx;
  // In the units of the period when it is known: a unit that existed only at other times is an error saying when.
  const period = ctx.period && calendarPeriod(ctx.period) ? ctx.period : null;
  const day = period ? lastDayOf(period) : null;
  const inPeriod = (u: OrgUnit) => !day || validOn(u, day);
  // The units of a period, their matchers and indexes are the same for every sheet read with the
  // same registry: made once per registry array (a workbook of a thousand forms, a province's registry).
  const dayKey = day ?? "";
  let candidates = opts.units ? unitMemo(opts.units, `in\u0001${dayKey}`, () => opts.units!.filter(inPeriod)) : undefined;
  let scope: string | null = null;
  if (!candidates && opts.registry) {
    const registry = opts.registry;
    let inferred = inferScope(names.map((n) => n.name), period ? unitMemo(registry, `valid\u0001${period}`, () => unitsValidIn(registry, period)) : registry);
    // A sheet of another period's units still has a scope: its rows are then reported as out of period.
    if (!inferred.parent && period) inferred = inferScope(names.map((n) => n.name), registry);
    if (inferred.parent) { const kids = inferred.candidates; candidates = unitMemo(kids, `in\u0001${dayKey}`, () => kids.filter(inPeriod)); scope = inferred.parent.code; }
  }
  const matcher = candidates ? matcherOf(candidates) : null;
  // Out-of-period names: the sheet's own scope first (names repeat across districts), then anywhere.
  const pool = opts.units ?? opts.registry ?? [];
  const gone = day ? unitMemo(pool, `gone\u0001${dayKey}`, () => pool.filter((u) => !inPeriod(u))) : [];
  const goneHere = scope ? matcherOf(unitMemo(gone, `here\u0001${scope}`, () => gone.filter((u) => u.parent === scope))) : null;
  const goneAnywhere = day ? matcherOf(gone) : null;
  const elsewhen = day ? { match: (name: string) => { const m = goneHere?.match(name); return m?.status === "exact" ? m : goneAnywhere!.match(name); } } : null;
  const rows: TableRow[] = [];
  const seen = new Map<string, number[]>();
  for (const { name, cell, sheetRow } of names) {
    const row: TableRow = { name, unitId: null, level: null, sheetRow, isTotal: isTotalName(name) };
    if (!row.isTotal) {
      if (!name) push("error", "unit_blank", [cell], null, [], { row: sheetRow ?? cell });
      else if (matcher) {
        const m = matcher.match(name);
        const other = m.status === "exact" || !elsewhen ? null : elsewhen.match(name);
        if (other?.status === "exact") {
          push("error", "unit_not_in_period", [cell], name, [], { cell, raw: name, period: period!, existed: lifespan(other.unit, ctx.lang) });
        } else if (m.status === "unknown") {
          push("error", "unit_unknown", [cell], name, [], { cell, raw: name, suggestion: m.suggestion?.name ?? "" });
        } else {
          row.unitId = m.unit.code;
          row.level = m.unit.level;
          if (m.status === "fuzzy") push("warning", "unit_misspelled", [cell], name, [], { cell, raw: name, suggestion: m.unit.name });
        }
      }
      const key = row.unitId ?? fold(name);
      if (key) seen.set(key, [...(seen.get(key) ?? []), rows.length]);
    }
    rows.push(row);
  }
  for (const [, idx] of seen) {
    if (idx.length < 2) continue;
    const first = rows[idx[0]!]!;
    push("error", "unit_duplicate", idx.map((i) => names[i]!.cell), first.name, [], {
      unit: first.name, count: idx.length, rows: idx.map((i) => rows[i]!.sheetRow ?? names[i]!.cell).join(", "),
    });
  }
  // A one-unit form reports for itself: the other units are not missing from it.
  if (matcher && candidates && !single) {
    const present = new Set(rows.map((r) => r.unitId).filter(Boolean));
    const missing = candidates.filter((u) => !present.has(u.code) && u.level === dominantLevel(rows));
    if (missing.length && missing.length < candidates.length) {
      push("warning", "unit_missing", [], null, [], { count: missing.length, units: missing.map((u) => u.name).join(", ") });
    }
  }
  return { rows, scope, unitIds: rows.map((r) => r.unitId) };
}

/**
 * A stacked table's columns as views of its rows in the stack, made on first use (most hosts
 * validate the stack and never look at a copy's own columns).
 */
function lazyColumns(table: ReportTable, columns: FormStack["columns"], off: number, n: number): void {
  for (const key of ["values", "decimals"] as const) {
    const own = (m: unknown) => Object.defineProperty(table, key, { value: m, writable: true, configurable: true, enumerable: true });
    Object.defineProperty(table, key, {
      configurable: true, enumerable: true,
      get() {
        const m = new Map<string, Float64Array | Int8Array>();
        for (const [code, c] of columns) m.set(code, (key === "values" ? c.v : c.d).subarray(off, off + n));
        own(m);
        return m;
      },
      set(m) { own(m); },
    });
  }
}

/** Values, one typed array per mapped indicator, parsed the same way whatever the layout. */
/** Where table row i's value of a slot sits: its grid row and column (two calls, so no pair is allocated per cell). */
interface CellAt { row: (i: number, s: Slot) => number; col: (i: number, s: Slot) => number }

function fillValues(ctx: Ctx, table: ReportTable, slots: Slot[], at: CellAt, sink: { stack: FormStack; row: number } | null = null): void {
  const { grid, addr, push, lang } = ctx;
  const { catalog } = ctx.opts;
  const n = table.rows.length;
  const rows = table.rows;
  const unreadable = new Map<string, Set<number>>();
  table.unreadable = unreadable;
  // In a stack, row i of this table is row off + i of the stack's columns.
  const off = sink ? sink.row : 0;
  const column = sink
    ? (code: string) => sink.stack.columns.get(code)!
    : (code: string) => {
      let v = table.values.get(code);
      if (!v) {
        v = new Float64Array(n).fill(NaN);
        table.values.set(code, v);
        table.decimals.set(code, new Int8Array(n).fill(-1));
      }
      return { v, d: table.decimals.get(code)! };
    };
  if (sink) lazyColumns(table, sink.stack.columns, off, n);
  const bad = (code: string, i: number) => { let s = unreadable.get(code); if (!s) { s = new Set(); unreadable.set(code, s); } s.add(i); };
  for (const slot of slots) {
    const ind = slot.ind ?? catalog.byCode.get(slot.code)!;
    let textCells: string[] | null = null;
    const target = column(ind.code);
    const whole = slot.whole ? column(slot.whole) : null;
    for (let i = 0; i < n; i++) {
      const r = at.row(i, slot);
      const c = at.col(i, slot);
      const raw = grid.values[r]?.[c];
      const fmt = grid.formats?.[r]?.[c];
      // The common case, a plain number in a General cell, skips the parser: 10,000 rows × 300
      // columns is three million cells.
      if (typeof raw === "number" && !fmt && Number.isFinite(raw) && ind.type !== "grade") {
        target.v[off + i] = raw;
        target.d[off + i] = Number.isInteger(raw) ? 0 : decimalsOf(raw);
        continue;
      }
      if (raw === null || raw === undefined || raw === "") continue;
      const cell = addr(c, r);
      const unit = rows[i]!.name || null;
      if (ind.type === "grade") {
        const g = gradeIndex(ind, raw, catalog.abbreviations);
        if (g >= 0 || Number.isNaN(g)) target.v[off + i] = g;
        else {
          bad(ind.code, i);
          const parsed = parseCell(raw, "grade", fmt);
          if (parsed.kind === "error") push("error", "formula_error", [cell], unit, [ind.code], { cell, code: parsed.code, name: ind.label[lang] });
          else push("error", "unknown_grade", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 60), name: ind.label[lang], classes: (ind.classes ?? []).map((k) => k.label[lang]).join(", ") });
        }
        continue;
      }
      const parsed: Parsed = parseCell(raw, ind.type, fmt);
      switch (parsed.kind) {
        case "missing":
          break;
        case "number":
          target.v[off + i] = parsed.value;
          target.d[off + i] = parsed.decimals;
          if (parsed.fromText && typeof raw === "string" && ind.type !== "yesno") (textCells ??= []).push(cell);
          if (parsed.percent && ind.type !== "percent" && ind.kind !== "ratio") {
            push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 40), name: ind.label[lang] });
            target.v[off + i] = NaN;
            bad(ind.code, i);
          }
          break;
        case "pair":
          if (whole) { target.v[off + i] = parsed.part; whole.v[off + i] = parsed.whole; target.d[off + i] = 0; whole.d[off + i] = 0; }
          else { push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 40), name: ind.label[lang] }); bad(ind.code, i); }
          break;
        case "error":
          push("error", "formula_error", [cell], unit, [ind.code], { cell, code: parsed.code, name: ind.label[lang] });
          bad(ind.code, i);
          break;
        case "invalid":
          push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: parsed.raw, name: ind.label[lang] });
          bad(ind.code, i);
          break;
      }
    }
    // One notice per column: a column typed as text is one habit, not a hundred problems.
    if (textCells) push("info", "text_number", textCells, null, [ind.code], { cell: textCells[0]!, count: textCells.length, column: slot.column, name: ind.label[lang] });
  }
}

/**
 * Earlier periods' columns as history for the unusual-change check, per registry unit, oldest
 * first. Never read as this period's data; unreadable cells there are simply left out.
 */
function earlierValues(ctx: Ctx, slots: Slot[], rows: TableRow[], unitIds: (string | null)[], cellAt: (i: number, s: Slot) => [number, number]): Map<string, Record<string, number>[]> {
  const out = new Map<string, Record<string, number>[]>();
  if (!slots.length) return out;
  const byPeriod = new Map<string, Slot[]>();
  for (const s of slots) { const p = s.mapping.period ?? ""; byPeriod.set(p, [...(byPeriod.get(p) ?? []), s]); }
  const periods = [...byPeriod.keys()].sort();
  rows.forEach((row, i) => {
    const id = unitIds[i];
    if (!id || row.isTotal) return;
    const series: Record<string, number>[] = [];
    for (const p of periods) {
      const rec: Record<string, number> = {};
      for (const s of byPeriod.get(p)!) {
        const [r, c] = cellAt(i, s);
        const parsed = parseCell(ctx.grid.values[r]?.[c] ?? null, ctx.opts.catalog.byCode.get(s.code)!.type, ctx.grid.formats?.[r]?.[c]);
        if (parsed.kind === "number") rec[s.code] = parsed.value;
      }
      series.push(rec);
    }
    out.set(id, series);
  });
  return out;
}

/**
 * Indicators as rows: a transposed table (one column per unit) or a one-unit form (one or more
 * value columns). Row labels are read with their numbering and "Trong đó" part-of relations, so
 * "- Trong đó: nữ" under "Tổng số đảng viên" means the women members, not a second unit.
 */
function rowLabels(ctx: Ctx, rl: RowsLayout, kind: "transposed" | "form"): { labels: HeaderInput[]; valueCols: number[] } {
  const { grid, opts, addr, hiddenRows, hiddenCols } = ctx;
  const { catalog } = opts;
  const V = grid.values;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  // Label rows with their context: the section heading above, the row a "trong đó" row is part of.
  const labels: HeaderInput[] = [];
  let section: string | null = null;
  const stack: { depth: number; text: string }[] = [];
  const valueCols = rl.valueColumns.filter((c) => { if (hiddenCols.has(c)) { ctx.skippedCols.add(c); return false; } return true; });
  for (const r of rl.bodyRows) {
    const raw = cellText(V[r]?.[rl.labelColumn]);
    if (!raw) continue;
    // The numbering often stands in its own STT column left of the label.
    const serial = rl.labelColumn > 0 ? cellText(V[r]?.[rl.labelColumn - 1]) : "";
    const label = parseRowLabel(serial && isNumberingCell(serial) && parseRowLabel(raw).depth < 0 ? `${numbered(serial)} ${raw}` : raw);
    const hasValue = valueCols.some((c) => cellText(V[r]?.[c]) !== "");
    if (hiddenRows.has(r)) { if (hasValue) ctx.skippedRows.add(r); continue; }
    if (!hasValue && (label.depth === 0 || isTitleText(raw) || label.depth < 0)) {
      // A section heading ("I. Tổ chức đảng") or a heading without figures gives context only.
      if (label.depth <= 0) { section = label.text; stack.length = 0; }
      else stack.push({ depth: label.depth, text: label.text });
      continue;
    }
    const depth = label.partOf ? (stack[stack.length - 1]?.depth ?? 0) + 1 : label.depth < 0 ? 1 : label.depth;
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1];
    const parts: string[] = [];
    if (label.partOf && parent) parts.push(parent.text);
    else if (parent && depth >= 2) parts.push(parent.text);
    else if (section) parts.push(section);
    parts.push(label.text || raw);
    // The "Đơn vị tính" cell says rate ("%") or count ("người", "chi bộ"); it is not part of the name.
    const uom = rl.unitOfMeasureColumn !== null ? cellText(V[r]?.[rl.unitOfMeasureColumn]) : "";
    stack.push({ depth, text: label.text });
    const sample = valueCols.map((c) => V[r]?.[c]);
    const valueKind = uom ? (measureUnit(uom) === "rate" ? "rate" : "count") : kind === "transposed" ? valueKindOf(sample) : undefined;
    labels.push({ index: r, column: String(r + rowOffset), parts, valueKind });
  }
  return { labels, valueCols };
}

/**
 * Everything a form's reading decides before its figures are parsed: which value column holds
 * this period's counts and rates, the mapping of its labels, where each mapped value sits. It
 * depends on the form's texts and on which value cells are blank, not on the figures, so forms
 * of one template share it (see form-template.ts) and only `readFormValues` runs per form.
 */

/** The template's plan when it was made for this reading period, else a new plan, remembered. */
function formPlanFor(ctx: Ctx, cls: SheetClass, template: FormTemplate | null, key: string): FormPlan {
  if (template && (!template.plan.periodDependent || template.period === ctx.period)) return template.plan;
  const plan = formPlan(ctx, cls.rows!);
  if (!template) rememberForm(ctx.grid, cls, plan, ctx.period, key, ctx.opts.catalog);
  return plan;
}

/** The plan of a form read for the first time; what its label rows skipped is part of it. */
function formPlan(ctx: Ctx, rl: RowsLayout): FormPlan {
  const before = { rows: new Set(ctx.skippedRows), cols: new Set(ctx.skippedCols) };
  const { labels, valueCols } = rowLabels(ctx, rl, "form");
  const plan = formPlanOf(ctx, rl, labels, valueCols);
  plan.skippedRows = [...ctx.skippedRows].filter((r) => !before.rows.has(r));
  plan.skippedCols = [...ctx.skippedCols].filter((c) => !before.cols.has(c));
  for (const r of plan.skippedRows) ctx.skippedRows.delete(r);
  for (const c of plan.skippedCols) ctx.skippedCols.delete(c);
  return plan;
}

function formPlanOf(ctx: Ctx, rl: RowsLayout, labels: HeaderInput[], valueCols: number[]): FormPlan {
  const { grid, opts, addr } = ctx;
  const { catalog } = opts;
  const V = grid.values;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  // A form: which value column holds this period's counts, which its rates, which earlier periods.
  const cols = valueCols.map((c) => {
    const parts = rl.headers.get(c) ?? [];
    const roles = parts.map(valueRole);
    const per = parts.map((p) => (isPeriodPart(p) ? (relativePeriod(p) ?? periodInText(p)?.period ?? null) : null)).find((p) => p !== null) ?? null;
    const role = roles.includes("rate") ? "rate" : roles.includes("plan") ? "plan" : "count";
    return { c, parts, role, period: per as string | number | null };
  });
  const named = cols.map((k) => k.period).filter((p): p is string => typeof p === "string").sort();
  const current = ctx.period && named.includes(ctx.period) ? ctx.period : named[named.length - 1] ?? null;
  const isNow = (p: string | number | null) => p === null || p === 0 || p === current;
  const nowCols = cols.filter((k) => isNow(k.period) && k.role !== "plan");
  const countCol = nowCols.find((k) => k.role === "count") ?? null;
  const rateCol = nowCols.find((k) => k.role === "rate") ?? null;
  const earlierCols = cols.filter((k) => !isNow(k.period) && k.role === "count");

  const mapped = mapColumns(labels.map((l) => ({ ...l, valueKind: l.valueKind })), catalog, opts.mapping, {});
  const unmappedIssues: FormPlan["unmappedIssues"] = [];
  const partsOf = new Map(labels.map((l) => [l.index, l.parts] as const));
  const collect: Ctx = { ...ctx, push: (_s, _r, cells, _u, _i, params) => { unmappedIssues.push({ cells, params }); } };
  reportUnmapped(collect, mapped.unmapped.filter((u) => countCol && cellText(V[u.index]?.[countCol.c]) !== ""), (u) => addr(rl.labelColumn, u.index), (u) => partsOf.get(u.index) ?? []);
  const slots: FormSlot[] = [];
  const used = new Set(mapped.mapping.map((m) => m.indicator!));
  const extra: ColumnMapping[] = [];
  for (const m of mapped.mapping) {
    const ind = catalog.byCode.get(m.indicator!)!;
    const isRate = ind.kind === "ratio" || ind.type === "percent";
    const main = isRate ? (rateCol ?? countCol) : (countCol ?? rateCol);
    if (main && cellText(V[m.index]?.[main.c]) !== "") slots.push({ code: ind.code, whole: m.wholeIndicator, line: m.index, column: addr(main.c, m.index), mapping: m, r: m.index, c: main.c, ind });
    // "Số lượng | Tỷ lệ": the rate beside a count is the catalog's rate of that count.
    if (!isRate && rateCol && rateCol !== main && cellText(V[m.index]?.[rateCol.c]) !== "") {
      const rate = rateOf(catalog, ind.code, used);
      if (rate) {
        used.add(rate);
        const rm: ColumnMapping = { column: addr(rateCol.c, m.index), index: m.index, header: `${m.header} | ${rateCol.parts.join(" ")}`, indicator: rate, confidence: m.confidence, source: m.source, evidence: { name: m.header, unit: "rate", neighbour: m.column } };
        if (m.confirm) rm.confirm = true;
        extra.push(rm);
        slots.push({ code: rate, line: m.index, column: rm.column, mapping: rm, r: m.index, c: rateCol.c });
      }
    }
  }
  const at = new Map(slots.map((s) => [s.code, { r: s.r, c: s.c }] as const));
  for (const s of slots) if (s.whole) at.set(s.whole, { r: s.r, c: s.c });
  const earlierSlots: Slot[] = [];
  const earlier: ColumnMapping[] = [];
  for (const k of earlierCols) {
    for (const m of mapped.mapping) {
      const e: ColumnMapping = { ...m, period: typeof k.period === "string" ? k.period : "previous", column: `${columnLetters(k.c + (grid.origin?.col ?? 0))}${m.index + rowOffset}` };
      earlier.push(e);
      earlierSlots.push({ code: m.indicator!, line: m.index, column: e.column, mapping: e, at: k.c });
    }
  }
  const columnOf = new Map(slots.map((s) => [s.mapping, s.column] as const));
  const mapping = [...mapped.mapping.map((m) => ({ ...m, column: columnOf.get(m) ?? m.column })), ...extra].sort((a, b) => a.index - b.index);
  return {
    rows: rl, skippedRows: [], skippedCols: [], current, periodDependent: named.length > 0, unmappedIssues,
    slots, earlierSlots, mapping, unmapped: mapped.unmapped, earlier, at,
  };
}

/** A form's figures read with its plan: the unit it reports for, its values, its earlier periods' values. */
function readFormValues(ctx: Ctx, plan: FormPlan, sink: { stack: FormStack; row: number } | null = null): Body {
  const { grid, addr } = ctx;
  const rl = plan.rows;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  for (const r of plan.skippedRows) ctx.skippedRows.add(r);
  for (const c of plan.skippedCols) ctx.skippedCols.add(c);
  for (const u of plan.unmappedIssues) ctx.push("info", "unmapped_column", u.cells, null, [], u.params);
  const unitName = formUnit(ctx, rl.headerRow);
  const { rows, scope, unitIds } = matchUnits(ctx, unitName ? [{ name: unitName, cell: "", sheetRow: null }] : [], true);
  if (!rows.length) rows.push({ name: grid.name, unitId: null, level: null, sheetRow: null, isTotal: false }), unitIds.push(null);
  const table: ReportTable = { sheet: grid.name, rows, values: new Map(), decimals: new Map(), columns: new Map() };
  const at = plan.at;
  table.cellOf = (_i, code) => { const s = at.get(code); return s ? addr(s.c, s.r) : null; };
  // Read with its copies (one stack row, one unit): its figures go to the stack, its table's
  // columns are views of that row, made when first asked for.
  const stacked = sink && sink.stack.plan === plan && rows.length === 1 ? sink : null;
  fillValues(ctx, table, plan.slots, { row: (_i, s) => (s as FormSlot).r, col: (_i, s) => (s as FormSlot).c }, stacked);
  if (stacked) stacked.stack.tables[stacked.row] = table;
  const history = earlierValues(ctx, plan.earlierSlots, rows, unitIds, (_i, s) => [s.line, s.at!]);
  // The plan's own entries: readSheetWith hands the caller copies of them (made when first looked at).
  const body: Body = {
    headerRows: [rl.headerRow + rowOffset], unitColumn: columnLetters(rl.labelColumn + (grid.origin?.col ?? 0)), scope,
    period: plan.current ?? null, mapping: plan.mapping, unmapped: plan.unmapped, earlier: plan.earlier,
    units: rows.map((r) => ({ row: r.sheetRow ?? rl.headerRow + rowOffset, name: r.name, unitId: r.unitId, isTotal: r.isTotal })),
    table, history,
  };
  sharedLists.add(body);
  return body;
}

/** An STT cell as the numbering it stands for: 1 → "1.", I → "I.", a → "a)", "-" stays. */
function numbered(serial: string): string {
  const t = serial.trim().replace(/[.)]$/, "");
  if (/^[-+*•]$/.test(t)) return t;
  if (/^[a-zđ]$/.test(t)) return `${t})`;
  if (/^[0-9]{1,2}(\.[0-9]{1,2})+$/.test(t)) return t;
  return `${t}.`;
}

/** The catalog's rate of a count (a ratio whose only numerator it is), when exactly one is free. */
function rateOf(catalog: Catalog, code: string, used: Set<string>): string | null {
  const rates = catalog.indicators.filter((i) => i.kind === "ratio" && i.numerator?.length === 1 && i.numerator[0] === code && !used.has(i.code));
  return rates.length === 1 ? rates[0]!.code : null;
}

/**
 * The unit a form reports for: a registry name in the title lines ("ĐẢNG BỘ XÃ SƠN MỸ"), the
 * longest if several, the first of the registry among equals. Names are looked up whole, so a
 * title costs a few lookups whatever the registry's size.
 */
function formUnit(ctx: Ctx, headerRow: number): string | null {
  const pool = ctx.opts.units ?? ctx.opts.registry ?? [];
  const index = unitMemo(pool, "names", () => {
    const byName = new Map<string, number>();
    let words = 0;
    pool.forEach((u, at) => {
      const f = fold(u.name);
      if (f.length < 4 || byName.has(f)) return;
      byName.set(f, at);
      words = Math.max(words, f.split(" ").length);
    });
    return { byName, words };
  });
  let best = -1;
  let bestLength = 0;
  for (let r = 0; r < headerRow; r++) {
    for (const v of ctx.grid.values[r] ?? []) {
      const t = cellText(v);
      if (!t) continue;
      // Every run of whole words of the folded line is a name the registry may hold.
      const w = fold(t).split(" ");
      for (let i = 0; i < w.length; i++) {
        let run = "";
        for (let j = i; j < Math.min(w.length, i + index.words); j++) {
          run = j === i ? w[i]! : `${run} ${w[j]}`;
          const at = index.byName.get(run);
          if (at !== undefined && (run.length > bestLength || (run.length === bestLength && at < best))) { best = at; bestLength = run.length; }
        }
      }
    }
  }
  return best >= 0 ? pool[best]!.name : null;
}

/** A period's last day, worked out once per period (every form of a workbook asks for the same one). */
const lastDays = new Map<string, string>();
function lastDayOf(period: string): string {
  let d = lastDays.get(period);
  if (d === undefined) {
    d = periodLastDay(period);
    if (lastDays.size >= 1_000) lastDays.clear();
    lastDays.set(period, d);
  }
  return d;
}

/** What is made once per registry array (bounded per array; arrays are the hosts', never changed in place). */
const unitMemos = new WeakMap<readonly OrgUnit[], { length: number; m: Map<string, unknown> }>();
function unitMemo<T>(pool: readonly OrgUnit[], key: string, make: () => T): T {
  let e = unitMemos.get(pool);
  if (!e || e.length !== pool.length) { e = { length: pool.length, m: new Map() }; unitMemos.set(pool, e); }
  if (e.m.has(key)) return e.m.get(key) as T;
  const v = make();
  if (e.m.size >= 64) e.m.clear();
  e.m.set(key, v);
  return v;
}
function matcherOf(units: readonly OrgUnit[]): ReturnType<typeof createUnitMatcher> {
  return unitMemo(units, "matcher", () => createUnitMatcher(units));
}

function readTransposed(ctx: Ctx, rl: RowsLayout, { labels, valueCols }: { labels: HeaderInput[]; valueCols: number[] }): Body {
  const { grid, opts, addr } = ctx;
  const { catalog } = opts;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  const colOffset = grid.origin?.col ?? 0;
  const unitCols = valueCols.filter((c) => (rl.headers.get(c) ?? []).length > 0);
  const mapped = mapColumns(labels, catalog, opts.mapping, {});
  reportUnmapped(ctx, mapped.unmapped, (u) => addr(rl.labelColumn, u.index), (u) => labels.find((l) => l.index === u.index)?.parts ?? []);
  const names = unitCols.map((c) => ({ name: (rl.headers.get(c) ?? []).join(" "), cell: addr(c, rl.headerRow), sheetRow: null }));
  const { rows, scope } = matchUnits(ctx, names);
  const table: ReportTable = { sheet: grid.name, rows, values: new Map(), decimals: new Map(), columns: new Map() };
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

function dominantLevel(rows: TableRow[]): TableRow["level"] {
  const counts = new Map<TableRow["level"], number>();
  for (const r of rows) if (r.level) counts.set(r.level, (counts.get(r.level) ?? 0) + 1);
  let best: TableRow["level"] = null;
  let n = 0;
  for (const [l, c] of counts) if (c > n) { best = l; n = c; }
  return best;
}

export interface RecordInput {
  unit: string;
  unitId?: string | null;
  level?: TableRow["level"];
  isTotal?: boolean;
  values: Record<string, number | string | null | undefined>;
}

/**
 * A table from plain records (an HTTP submission, the seed figures): the same parsing as cells,
 * so "24,07%" or "1.716" mean the same here as in a workbook. Unknown indicator codes are
 * reported, not dropped silently.
 */
export function tableFromRecords(records: RecordInput[], catalog: Catalog, opts: { sheet?: string; lang?: Lang } = {}): { table: ReportTable; issues: Issue[] } {
  const lang = opts.lang ?? "vi";
  const sheet = opts.sheet ?? "";
  const n = records.length;
  const table: ReportTable = {
    sheet,
    rows: records.map((r) => ({ name: r.unit, unitId: r.unitId ?? null, level: r.level ?? null, sheetRow: null, isTotal: !!r.isTotal })),
    values: new Map(), decimals: new Map(), columns: new Map(),
  };
  const issues: Issue[] = [];
  records.forEach((rec, i) => {
    for (const [code, raw] of Object.entries(rec.values)) {
      const ind = catalog.byCode.get(code);
      if (!ind) continue;
      let v = table.values.get(code);
      if (!v) {
        v = new Float64Array(n).fill(NaN);
        table.values.set(code, v);
        table.decimals.set(code, new Int8Array(n).fill(-1));
      }
      const d = table.decimals.get(code)!;
      const where = `${rec.unit} / ${code}`;
      if (ind.type === "grade") {
        const g = typeof raw === "number" ? raw : gradeIndex(ind, raw ?? null, catalog.abbreviations);
        if (Number.isInteger(g) && g >= 0 && g < (ind.classes?.length ?? 0)) v[i] = g;
        else if (!Number.isNaN(g)) issues.push({ severity: "error", rule: "unknown_grade", sheet, cells: [], unit: rec.unit, indicators: [code], ...render("unknown_grade", lang, { cell: where, raw: String(raw).slice(0, 60), name: ind.label[lang], classes: (ind.classes ?? []).map((c) => c.label[lang]).join(", ") }) });
        continue;
      }
      const p = parseCell(raw ?? null, ind.type, null);
      if (p.kind === "number") {
        v[i] = p.value;
        d[i] = p.decimals;
      } else if (p.kind === "error" || p.kind === "invalid" || p.kind === "pair") {
        const shown = p.kind === "invalid" ? p.raw : String(raw).slice(0, 40);
        issues.push({ severity: "error", rule: "invalid_value", sheet, cells: [], unit: rec.unit, indicators: [code], ...render("invalid_value", lang, { cell: where, raw: shown, name: ind.label[lang] }) });
      }
    }
  });
  return { table, issues };
}

