// The reader's options and answer, and what its stages share while one sheet is read.
import type { FormulaEngineFactory } from "../parse/formula-engine.ts";
import type { Catalog, Indicator } from "../catalog/catalog.ts";
import type { Issue, Lang, ReportTable, SheetGrid } from "../model.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import type { ColumnMapping, SavedMapping } from "./mapping.ts";
import type { SheetKind } from "./orient.ts";
import type { FormPlan, Slot } from "./form-plan.ts";
import type { ReaderMemo } from "./reader-memo.ts";
import type { SheetConventions } from "./conventions.ts";
import type { UnitsExpected } from "./missing-units.ts";

export interface ReadOptions {
  catalog: Catalog;
  /** Registry units the rows may name (usually the communes of one scope, or a province's units). */
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
  /**
   * What is worked out once for this registry and catalog (matchers, units of a day, grades).
   * A host reading many sheets with one registry passes one memo to all; without it each read makes its own.
   */
  memo?: ReaderMemo;
  /** The workbook's sheets, for formulas (saved without results) that read other sheets. */
  workbook?: readonly SheetGrid[];
  /**
   * Computes formulas a file was saved without results for. Hosts that read files pass the core's
   * engine (`formulaEngine` from shared/parse/formula-engine.ts); the pane does not, since Excel
   * gives every formula's result, and so does not load the engine. Without one such a formula is
   * named as not computed, never read as a silent blank.
   */
  formulaEngine?: FormulaEngineFactory;
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
  /** The registry unit the rows belong to (the parent of a commune sheet's communes), when known. */
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
  /** The sheet's tables when it holds several ("Biểu 01", "Biểu 02"), 1-based sheet rows; absent for one. */
  blocks?: { title: string | null; firstRow: number; lastRow: number; kind: SheetKind }[];
  /** The registry units the rows were matched against, for the sheet's "units missing" over all its tables. */
  expected?: UnitsExpected;
}

/**
 * Where the figures of copies of one form go when they are read together (readSheets): one
 * column per indicator, one row per copy, instead of a table of one row each.
 */
export interface FormStack {
  plan: FormPlan;
  columns: Map<string, { v: Float64Array; d: Int8Array }>;
  /** The columns' codes in order and their positions (the copies' views look codes up here). */
  index: StackIndex;
  /** The copies' tables, by row. */
  tables: ReportTable[];
  /** The plan's slots' indicators and columns, looked up by the first copy read; dropped when the columns grow. */
  slotColumns?: { inds: Indicator[]; targets: { target: { v: Float64Array; d: Int8Array }; whole: { v: Float64Array; d: Int8Array } | null }[]; numeric: boolean[] } | undefined;
}

/** The codes of a stack's columns in order, and each one's position: one per stack, shared by its copies. */
export interface StackIndex { codes: string[]; at: Map<string, number> }

/** The stack row a form's figures go to. */
export type StackSink = { stack: FormStack; row: number };

export type Push = (severity: Issue["severity"], rule: string, cells: string[], unit: string | null, indicators: string[], params: Record<string, string | number>) => void;

/** One sheet's reading in progress: what every stage needs and what they note (hidden rows and columns left out). */
export interface ReadCtx {
  grid: SheetGrid;
  opts: ReadOptions;
  memo: ReaderMemo;
  lang: Lang;
  addr: (c: number, r: number) => string;
  push: Push;
  /** Adds an issue built whole (one with more than a message: the units it stands for). */
  add: (issue: Issue) => void;
  /**
   * Where the indicators are: columns (units as rows), or rows (a transposed table, a one-unit
   * form). Messages follow it: "dòng 11" for an indicator's row, never "cột 11".
   */
  axis: "column" | "row";
  /** One table of several on the sheet: what concerns the sheet's units as a whole is said by the caller. */
  inBlock: boolean;
  hiddenRows: Set<number>;
  hiddenCols: Set<number>;
  skippedRows: Set<number>;
  skippedCols: Set<number>;
  period: string | null;
  /** The sheet's legend ("(x) không áp dụng"), or the clerks' usual meanings when it has none; read on first use. */
  conventions: () => SheetConventions;
  /** Cells read by a symbol's usual meaning with no legend saying it, for one notice per sheet. */
  symbolCells: { cell: string; raw: string }[];
}

/** What a layout's reader gives; the sheet's kind, its issues and skipped cells are added by readSheet. */
export type Body = Omit<SheetRead, "sheet" | "kind" | "kindConfidence" | "kindReason" | "issues" | "skipped"> & {
  /** Mapping lists that are a form plan's, shared by its copies: the caller gets its own copies. */
  sharedLists?: true;
};

/** Where table row i's value of a slot sits: its grid row and column (two calls, so no pair is allocated per cell). */
export interface CellAt {
  row: (i: number, s: Slot) => number;
  col: (i: number, s: Slot) => number;
  /** Each table row is one grid row (units × indicators): cells are then read row by row. */
  unitPerRow?: boolean;
}

export function emptyTable(sheet: string): ReportTable {
  return { sheet, rows: [], values: new Map(), decimals: new Map(), columns: new Map() };
}
