// Formulas a file was saved without results for (tools other than Excel write them so): computed
// with the core's formula engine before the sheet is read, so totals and rates are checked like
// any figure. A formula the engine cannot compute is named, never read as a silent blank.
import type { CellValue, Issue, Lang, SheetGrid } from "../model.ts";
import { a1, fold } from "../parse/text.ts";
import type { FormulaBook, FormulaEngineFactory, FormulaSheet, FormulaValue } from "../parse/formula-engine.ts";
import { render } from "../messages/issues.ts";

/** At most this many cells are named in a notice; the count says the rest. */
const NAMED = 8;

function engineSheet(grid: SheetGrid): FormulaSheet {
  const r0 = grid.origin?.row ?? 0;
  const c0 = grid.origin?.col ?? 0;
  return {
    key: grid.name,
    value: (r, c) => plainValue(grid.values[r - r0]?.[c - c0]),
    formula: (r, c) => grid.formulas?.[r - r0]?.[c - c0] || null,
    lastColumn: () => c0 + grid.values.reduce((m, row) => Math.max(m, row.length), 0) - 1,
    lastRow: () => r0 + Math.max(grid.values.length, grid.formulas?.length ?? 0) - 1,
  };
}

function plainValue(v: CellValue | undefined): FormulaValue {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v.error ?? "");
}

function hasFormulas(grid: SheetGrid): boolean {
  return !!grid.formulas?.some((row) => row?.some((f) => !!f));
}

/**
 * The grid with its unsaved formulas' results in place (the host's grid is left as it was),
 * and what the clerk is told: which cells were computed, which could not be.
 * `book`: the workbook's sheets, for references to other sheets.
 */
export function computeFormulas(grid: SheetGrid, lang: Lang, book: readonly SheetGrid[] = [grid], makeEngine?: FormulaEngineFactory): { grid: SheetGrid; issues: Issue[] } {
  if (!hasFormulas(grid)) return { grid, issues: [] };
  const sheets = new Map<string, FormulaSheet>();
  const sheetOf = (g: SheetGrid) => { let s = sheets.get(g.name); if (!s) { s = engineSheet(g); sheets.set(g.name, s); } return s; };
  const byName = new Map(book.map((g) => [fold(g.name), g] as const));
  const gridOf = new Map<string, SheetGrid>();
  const engine = makeEngine?.({
    sheet: (name) => { const g = name === grid.name ? grid : byName.get(fold(name)); if (!g) return null; const s = sheetOf(g); gridOf.set(s.key, g); return s; },
    name: (name, from) => (gridOf.get(from.key) ?? grid).definedNames?.[name.toUpperCase()] ?? null,
  } satisfies FormulaBook);
  const own = sheetOf(grid);
  const r0 = grid.origin?.row ?? 0;
  const c0 = grid.origin?.col ?? 0;
  const values = grid.values.slice();
  const computed: string[] = [];
  const failed: { cell: string; formula: string }[] = [];
  grid.formulas!.forEach((row, r) => {
    if (!row) return;
    row.forEach((f, c) => {
      if (!f) return;
      const cell = a1(c + c0, r + r0 + 1);
      const v = engine ? engine.valueAt(own, r + r0, c + c0, null) : null;
      if (v === null) { failed.push({ cell, formula: f }); return; }
      if (values[r] === grid.values[r]) values[r] = (grid.values[r] ?? []).slice();
      values[r]![c] = typeof v === "string" && /^#[A-Z0-9/]+[!?A]?$/.test(v) ? { error: v } : v;
      computed.push(cell);
    });
  });
  const issues: Issue[] = [];
  const issue = (severity: Issue["severity"], rule: string, cells: string[], params: Record<string, string | number>) =>
    issues.push({ severity, rule, sheet: grid.name, cells, unit: null, indicators: [], ...render(rule, lang, params) });
  const list = (cells: string[]) => cells.slice(0, NAMED).join(", ") + (cells.length > NAMED ? ", …" : "");
  if (computed.length) issue("info", "formula_computed", computed, { count: computed.length, cells: list(computed) });
  for (const f of failed.slice(0, NAMED)) issue("warning", "formula_unevaluated", [f.cell], { cell: f.cell, formula: f.formula.slice(0, 80) });
  if (failed.length > NAMED) issue("warning", "formula_unevaluated_more", failed.slice(NAMED).map((f) => f.cell), { count: failed.length - NAMED });
  // The results are in place: no later stage computes them again.
  const { formulas: _done, ...rest } = grid;
  return { grid: { ...rest, values }, issues };
}
