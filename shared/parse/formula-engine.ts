// The one formula engine of the product (hot-formula-parser, MIT): the preview recomputes its
// workbook with it, and the reader computes formulas a file was saved without results for
// (files written by tools other than Excel), so totals and rates are checked either way.
import { Parser, type CellCoord } from "hot-formula-parser";
import { formulaRefs } from "./formula-refs.ts";

export type FormulaValue = string | number | boolean;

/** A sheet as the engine sees it: 0-based cells, each a value or a formula ("=SUM(B2:B9)"). */
export interface FormulaSheet {
  /** A key unique in the book (the sheet's id or name). */
  readonly key: string;
  value(r: number, c: number): FormulaValue;
  /** The cell's formula with its leading "=", or null. */
  formula(r: number, c: number): string | null;
  /** The last used column (0-based), for whole-row references to another sheet. */
  lastColumn(): number;
}

export interface FormulaBook {
  sheet(name: string): FormulaSheet | null;
}

/** What the reader asks of an engine: a formula cell's value, or null when it cannot compute it. */
export interface FormulaEngine {
  valueAt(sheet: FormulaSheet, r: number, c: number, unknown: FormulaValue | null): FormulaValue | null;
}
export type FormulaEngineFactory = (book: FormulaBook) => FormulaEngine;

/** The core's engine for hosts that read files (ReadOptions.formulaEngine). */
export const formulaEngine: FormulaEngineFactory = (book) => new FormulaEvaluator(book);

/** A range larger than this reads as empty (a hostile "A1:XFD1048576" never allocates a million rows). */
export const MAX_RANGE_CELLS = 1_000_000;
const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
const plain = (v: FormulaValue): unknown => (typeof v === "string" && v.startsWith("#") ? v : v === "" ? null : v);

/** What a formula cell is worth, every formula it reads computed first (once), circles an error, never a hang. */
export class FormulaEvaluator {
  readonly #done = new Map<string, FormulaValue>();
  readonly #visiting = new Set<string>();

  constructor(private readonly book: FormulaBook) {}

  /**
   * The cell's value: its own when it holds no formula, else the formula's result. `unknown`
   * is returned for a formula naming a function the engine does not know (Excel would compute it).
   */
  valueAt(sheet: FormulaSheet, r: number, c: number, unknown: FormulaValue | null = null): FormulaValue | null {
    const f = sheet.formula(r, c);
    if (!f) return sheet.value(r, c);
    const key = `${sheet.key}\u0001${r}\u0001${c}`;
    const known = this.#done.get(key);
    if (known !== undefined) return known;
    if (this.#visiting.has(key)) return "#REF!";
    this.#visiting.add(key);
    const v = this.#evaluate(f.replace(/^=/, ""), sheet);
    this.#visiting.delete(key);
    const out = v === null ? unknown : v;
    if (out !== null) this.#done.set(key, out);
    return out;
  }

  #cell(sheet: FormulaSheet, r: number, c: number): FormulaValue {
    return this.valueAt(sheet, r, c, sheet.value(r, c)) ?? "";
  }

  #block(sheet: FormulaSheet, r0: number, r1: number, c0: number, c1: number): unknown[][] {
    if ((r1 - r0 + 1) * (c1 - c0 + 1) > MAX_RANGE_CELLS) return [];
    const rows: unknown[][] = [];
    for (let r = r0; r <= r1; r++) { const row: unknown[] = []; for (let c = c0; c <= c1; c++) row.push(plain(this.#cell(sheet, r, c))); rows.push(row); }
    return rows;
  }

  /**
   * hot-formula-parser knows no sheet names: each reference to another sheet is handed to it as
   * a call of a function of ours that answers that sheet's values. null: a function it does not know.
   */
  #evaluate(expression: string, own: FormulaSheet): FormulaValue | null {
    if (/#REF!/.test(expression)) return "#REF!";
    const parser = new Parser();
    // An error in a cell the formula reads is the formula's error, as in Excel (unless it tests for errors).
    let firstError: string | null = null;
    const seen = <T>(v: T): T => {
      const values: unknown[] = Array.isArray(v) ? (v as unknown[]).flat() : [v];
      if (firstError === null) { const e = values.find((x) => typeof x === "string" && ERRORS.has(x)); if (typeof e === "string") firstError = e; }
      return v;
    };
    parser.on("callCellValue", (coord: CellCoord, ok) => ok(seen(plain(this.#cell(own, coord.row.index, coord.column.index)))));
    parser.on("callRangeValue", (start: CellCoord, end: CellCoord, ok) => ok(seen(this.#block(own,
      Math.min(start.row.index, end.row.index), Math.max(start.row.index, end.row.index),
      Math.min(start.column.index, end.column.index), Math.max(start.column.index, end.column.index)))));
    const elsewhere: unknown[] = [];
    let text = "";
    let last = 0;
    for (const ref of formulaRefs(expression)) {
      if (ref.sheet === null) continue;
      const sheet = this.book.sheet(ref.sheet);
      if (!sheet) return "#REF!";
      const [r0, r1] = [Math.min(...ref.rows) - 1, Math.max(...ref.rows) - 1];
      const [c0, c1] = ref.cols ? [Math.min(...ref.cols) - 1, Math.max(...ref.cols) - 1] : [0, Math.max(0, sheet.lastColumn())];
      elsewhere.push(seen(r0 === r1 && c0 === c1 && ref.cols ? plain(this.#cell(sheet, r0, c0)) : this.#block(sheet, r0, r1, c0, c1)));
      text += `${expression.slice(last, ref.start)}HTCTSHEETREF(${elsewhere.length - 1})`;
      last = ref.end;
    }
    text += expression.slice(last);
    parser.setFunction("HTCTSHEETREF", (params) => elsewhere[Number(params[0])] ?? "#REF!");
    const { error, result } = parser.parse(text);
    if (error === "#NAME?") return null;
    if (firstError !== null && !/\b(IFERROR|ISERROR|ISERR|IFNA|ISNA|COUNT|COUNTA|COUNTBLANK)\s*\(/i.test(expression)) return firstError;
    if (error) return error;
    if (typeof result === "number") return Number.isFinite(result) ? result : "#NUM!";
    if (typeof result === "string" || typeof result === "boolean") return result;
    return result === null || result === undefined ? 0 : String(result);
  }
}
