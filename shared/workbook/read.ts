import type { Catalog, Indicator } from "../catalog/catalog.ts";
import type { CellValue, Issue, Lang, ReportTable, SheetGrid, TableRow } from "../model.ts";
import { decimalsOf, parseCell, type Parsed } from "../parse/number.ts";
import { a1, columnLetters, fold, foldExpand } from "../parse/text.ts";
import { createUnitMatcher, type OrgUnit } from "../registry/orgunits.ts";
import { inferScope } from "../registry/scope.ts";
import { lifespan, unitsValidIn, validOn } from "../registry/dated.ts";
import { periodLastDay } from "../calendar/periods.ts";
import { render } from "../validate/messages.ts";
import { cellText, detectLayout, isTotalName } from "./layout.ts";
import { mapColumns, matchHeader, type ColumnMapping, type SavedMapping } from "./mapping.ts";

export interface ReadOptions {
  catalog: Catalog;
  /** Registry units the rows may name (usually one district's communes, or a province's districts). */
  units?: readonly OrgUnit[];
  /** The whole registry, when `units` is not given: the sheet's scope is inferred from its names. */
  registry?: readonly OrgUnit[];
  mapping?: SavedMapping;
  lang?: Lang;
  /**
   * The reporting period: rows are matched against the units valid on its last day, and a name
   * of a unit that existed only at other times is an error saying when it existed.
   */
  period?: string;
}

export interface SheetRead {
  sheet: string;
  /** 1-based sheet rows of the header band. */
  headerRows: number[];
  unitColumn: string | null;
  /** The registry unit the rows belong to (the district of a commune sheet), when known. */
  scope: string | null;
  mapping: ColumnMapping[];
  unmapped: ColumnMapping[];
  units: { row: number; name: string; unitId: string | null; isTotal: boolean }[];
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
  const lang = opts.lang ?? "vi";
  const { catalog } = opts;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  const colOffset = grid.origin?.col ?? 0;
  const addr = (c: number, r: number) => a1(c + colOffset, r + rowOffset);
  const layout = detectLayout(grid);
  if (!layout) {
    return {
      sheet: grid.name, headerRows: [], unitColumn: null, scope: null, mapping: [], unmapped: [], units: [], table: emptyTable(grid.name),
      issues: [{ severity: "error", rule: "no_layout", sheet: grid.name, cells: [], unit: null, indicators: [], ...render("no_layout", lang, {}) }],
    };
  }
  const issues: Issue[] = [];
  const push = (severity: Issue["severity"], rule: string, cells: string[], unit: string | null, indicators: string[], params: Record<string, string | number>) =>
    issues.push({ severity, rule, sheet: grid.name, cells, unit, indicators, ...render(rule, lang, params) });

  const headerCols = layout.headers
    .map((_, c) => ({ index: c, column: columnLetters(c + colOffset), parts: layout.headerParts[c] ?? [] }))
    .filter((h) => h.index !== layout.unitColumn && h.index !== layout.serialColumn && h.parts.length > 0);
  const { mapping, unmapped } = mapColumns(headerCols, catalog, opts.mapping);
  for (const u of unmapped) {
    if (u.source === "saved") continue;
    const guess = matchHeader(layout.headerParts[u.index] ?? [], catalog);
    const suggestion = guess.indicator && guess.confidence >= 0.35 ? catalog.byCode.get(guess.indicator)!.label[lang] : "";
    push("info", "unmapped_column", [addr(u.index, layout.headerRows[layout.headerRows.length - 1]!)], null, [], { column: u.column, header: u.header, suggestion });
  }

  // Rows and units, in the units of the period when there is one.
  const day = opts.period ? periodLastDay(opts.period) : null;
  const inPeriod = (u: OrgUnit) => !day || validOn(u, day);
  let candidates = opts.units?.filter(inPeriod);
  let scope: string | null = null;
  if (!candidates && opts.registry) {
    const names = layout.dataRows.map((r) => cellText(grid.values[r]?.[layout.unitColumn]));
    let inferred = inferScope(names, opts.period ? unitsValidIn(opts.registry, opts.period) : opts.registry);
    // A sheet of another period's units still has a scope: its rows are then reported as out of period.
    if (!inferred.parent && opts.period) inferred = inferScope(names, opts.registry);
    if (inferred.parent) { candidates = inferred.candidates.filter(inPeriod); scope = inferred.parent.code; }
  }
  const matcher = candidates ? createUnitMatcher(candidates) : null;
  const elsewhen = day ? createUnitMatcher((opts.units ?? opts.registry ?? []).filter((u) => !inPeriod(u))) : null;
  const rows: TableRow[] = [];
  const seen = new Map<string, number[]>();
  for (const r of layout.dataRows) {
    const raw = grid.values[r]?.[layout.unitColumn];
    const name = cellText(raw);
    const sheetRow = r + rowOffset;
    const row: TableRow = { name, unitId: null, level: null, sheetRow, isTotal: isTotalName(name) };
    if (!row.isTotal) {
      if (!name) push("error", "unit_blank", [addr(layout.unitColumn, r)], null, [], { row: sheetRow });
      else if (matcher) {
        const m = matcher.match(name);
        const other = m.status === "exact" || !elsewhen ? null : elsewhen.match(name);
        if (other?.status === "exact") {
          push("error", "unit_not_in_period", [addr(layout.unitColumn, r)], name, [], { cell: addr(layout.unitColumn, r), raw: name, period: opts.period!, existed: lifespan(other.unit, lang) });
        } else if (m.status === "unknown") {
          push("error", "unit_unknown", [addr(layout.unitColumn, r)], name, [], { cell: addr(layout.unitColumn, r), raw: name, suggestion: m.suggestion?.name ?? "" });
        } else {
          row.unitId = m.unit.code;
          row.level = m.unit.level;
          if (m.status === "fuzzy") push("warning", "unit_misspelled", [addr(layout.unitColumn, r)], name, [], { cell: addr(layout.unitColumn, r), raw: name, suggestion: m.unit.name });
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
    push("error", "unit_duplicate", idx.map((i) => addr(layout.unitColumn, rows[i]!.sheetRow! - rowOffset)), first.name, [], {
      unit: first.name, count: idx.length, rows: idx.map((i) => rows[i]!.sheetRow!).join(", "),
    });
  }
  if (matcher && candidates) {
    const present = new Set(rows.map((r) => r.unitId).filter(Boolean));
    const missing = candidates.filter((u) => !present.has(u.code) && u.level === dominantLevel(rows));
    if (missing.length && missing.length < candidates.length) {
      push("warning", "unit_missing", [], null, [], { count: missing.length, units: missing.map((u) => u.name).join(", ") });
    }
  }

  // Values, one typed array per mapped indicator.
  const n = rows.length;
  const table: ReportTable = { sheet: grid.name, rows, values: new Map(), decimals: new Map(), columns: new Map() };
  const column = (code: string, col: number) => {
    let v = table.values.get(code);
    if (!v) {
      v = new Float64Array(n).fill(NaN);
      table.values.set(code, v);
      table.decimals.set(code, new Int8Array(n).fill(-1));
      // Sheet column, so the validator's addresses match the sheet whatever the used range's origin.
      table.columns.set(code, col + colOffset);
    }
    return { v, d: table.decimals.get(code)! };
  };
  for (const m of mapping) {
    const ind = catalog.byCode.get(m.indicator!)!;
    const textCells: string[] = [];
    const target = column(ind.code, m.index);
    const whole = m.wholeIndicator ? column(m.wholeIndicator, m.index) : null;
    for (let i = 0; i < n; i++) {
      const r = layout.dataRows[i]!;
      const raw = grid.values[r]?.[m.index];
      const fmt = grid.formats?.[r]?.[m.index];
      // The common case, a plain number in a General cell, skips the parser: 10,000 rows × 300
      // columns is three million cells.
      if (typeof raw === "number" && !fmt && Number.isFinite(raw) && ind.type !== "grade") {
        target.v[i] = raw;
        target.d[i] = Number.isInteger(raw) ? 0 : decimalsOf(raw);
        continue;
      }
      if (raw === null || raw === undefined || raw === "") continue;
      const cell = addr(m.index, r);
      const unit = rows[i]!.name || null;
      if (ind.type === "grade") {
        const g = gradeIndex(ind, raw, catalog.abbreviations);
        if (g >= 0 || Number.isNaN(g)) target.v[i] = g;
        else {
          const parsed = parseCell(raw, "grade", fmt);
          if (parsed.kind === "error") push("error", "formula_error", [cell], unit, [ind.code], { cell, code: parsed.code, name: ind.label[lang] });
          else push("error", "unknown_grade", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 60), name: ind.label[lang], classes: (ind.classes ?? []).map((c) => c.label[lang]).join(", ") });
        }
        continue;
      }
      const parsed: Parsed = parseCell(raw, ind.type, fmt);
      switch (parsed.kind) {
        case "missing":
          break;
        case "number":
          target.v[i] = parsed.value;
          target.d[i] = parsed.decimals;
          if (parsed.fromText && typeof raw === "string" && ind.type !== "yesno") textCells.push(cell);
          if (parsed.percent && ind.type !== "percent") {
            push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 40), name: ind.label[lang] });
            target.v[i] = NaN;
          }
          break;
        case "pair":
          if (whole) { target.v[i] = parsed.part; whole.v[i] = parsed.whole; target.d[i] = 0; whole.d[i] = 0; }
          else push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 40), name: ind.label[lang] });
          break;
        case "error":
          push("error", "formula_error", [cell], unit, [ind.code], { cell, code: parsed.code, name: ind.label[lang] });
          break;
        case "invalid":
          push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: parsed.raw, name: ind.label[lang] });
          break;
      }
    }
    // One notice per column: a column typed as text is one habit, not a hundred problems.
    if (textCells.length) push("info", "text_number", textCells, null, [ind.code], { cell: textCells[0]!, count: textCells.length, column: m.column, name: ind.label[lang] });
  }
  return {
    sheet: grid.name,
    headerRows: layout.headerRows.map((r) => r + rowOffset),
    unitColumn: columnLetters(layout.unitColumn + colOffset),
    scope,
    mapping,
    unmapped,
    units: rows.map((r) => ({ row: r.sheetRow!, name: r.name, unitId: r.unitId, isTotal: r.isTotal })),
    table,
    issues,
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

