import type { Catalog } from "../catalog/catalog.ts";
import type { CellValue, SheetGrid } from "../model.ts";
import { fold, foldJoined } from "../parse/text.ts";
import { cellText, isNumericish } from "./layout.ts";
import { isFooterFolded } from "./labels.ts";
import { isGroupHeaderRow, isNumberingOnly, isRowsSure, labelCell, rowsClass, type SheetClass } from "./orient.ts";
import type { FormPlan } from "./form-plan.ts";

/**
 * Report forms of one template, read once. A province's communes fill in the same form: the same
 * labels, headers, numbering and signature block, different figures, a different unit in the
 * title. The first form of a template is read the full way; its classification and plan (label
 * column, value columns, body and footer bounds, labels with their sections and "trong đó"
 * parts, mapping, where each value sits) are kept here, and a later sheet reuses them when its
 * cells say the full reading would decide the same:
 *
 * - every cell from the header band to the end of the body is the same (===), except the value
 *   cells of label rows, which only have to be blank where the template's are blank, figures
 *   where the template's are figures and words where its are words (a grade: "Tốt", "Khá"),
 *   which is what the layout, the headings and the slots depend on;
 * - the rows above the header (titles naming the unit and the period) and below the body
 *   (signatures, dates, names) may differ, as long as they weigh the same in the choice of the
 *   label column, the header is still not a group header, and the footer still starts where it did;
 * - the few tests that look at a value's digits (a footer date line beside a figure, a numbering
 *   row under the header) are run again.
 *
 * Any difference falls back to the full reading. The title's period and unit, the figures and
 * the earlier periods' values are read per form. Bounded per catalog; keyed by catalog and
 * the options the plan depends on (language, saved mapping, and the period when the headers name periods).
 */
export interface FormTemplate {
  cls: SheetClass;
  plan: FormPlan;
  /** The reading period the plan was made for (matters only when plan.periodDependent). */
  period: string | null;
  key: string;
  nCols: number;
  /** The widest row of the matched band. */
  bandWidth: number;
  length: number;
  frame: string;
  /** First and last row (0-based) that must match; rows outside are free but weighed. */
  top: number;
  last: number;
  rows: CellValue[][];
  /** Per row of the matched band: value-cell shapes (0 not a value cell), by column. */
  shapes: (Uint8Array | null)[];
  /** Rows whose footer test reads a figure's digits or a word: run again, must stay not a footer. */
  recheckFooter: number[];
  /** Words in value cells of the first four columns, with what they weighed as labels (labelCell). */
  words: { r: number; c: number; k: number }[];
  /** The free rows' weight: label hits and first hit per column (must be the same), label texts of the label column (may differ). */
  freeHits: string;
  freeTexts: number;
}

const EMPTY = 1, NUM = 2, TEXT = 3, OTHER = 4;
const DIGITS = /^[0-9%/ ]*$/;

/**
 * What the layout sees of a value cell: blank, a figure (no letters however folded), a word
 * (a grade, "có"; weighed again as a possible label, its row's footer test run again), or
 * something else (which must be the same).
 */
function shape(v: CellValue): number {
  if (typeof v === "number") return Number.isFinite(v) ? NUM : OTHER;
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === "string") {
    if (v.trim() === "") return EMPTY;
    return isNumericish(v) && DIGITS.test(fold(v)) ? NUM : isNumericish(v) ? OTHER : TEXT;
  }
  return cellText(v) === "" ? EMPTY : OTHER;
}

const MAX_SCAN_ROWS = 400;
const NONE: ReadonlySet<number> = new Set();
const MAX_TEMPLATES = 64;
const byCatalog = new WeakMap<Catalog, FormTemplate[]>();
const counts = new WeakMap<Catalog, { hits: number; remembered: number }>();

/** Forgets every remembered form (tests compare a reading with and without them). */
export function clearFormTemplates(catalog: Catalog): void {
  byCatalog.delete(catalog);
  counts.delete(catalog);
}

/** How many sheets were read from a template, and how many templates were made, since the last clear. */
export function formTemplateCounts(catalog: Catalog): { hits: number; remembered: number } {
  return { ...(counts.get(catalog) ?? { hits: 0, remembered: 0 }) };
}
function count(catalog: Catalog, what: "hits" | "remembered"): void {
  let c = counts.get(catalog);
  if (!c) { c = { hits: 0, remembered: 0 }; counts.set(catalog, c); }
  c[what]++;
}

function frameOf(grid: SheetGrid): string {
  const o = grid.origin;
  const hr = grid.hiddenRows?.length ? [...grid.hiddenRows].sort((a, b) => a - b).join(",") : "";
  const hc = grid.hiddenColumns?.length ? [...grid.hiddenColumns].sort((a, b) => a - b).join(",") : "";
  const m = grid.merges?.length ? JSON.stringify(grid.merges) : "";
  return `${o ? `${o.row},${o.col}` : ""}|${hr}|${hc}|${m}`;
}

function widthOf(V: CellValue[][]): number {
  let n = 0;
  for (const r of V) if (r.length > n) n = r.length;
  return n;
}

/**
 * How rows outside the matched band weigh in the choice of the label column (classifySheet's
 * scan): per column the label hits and the first hit, and the label texts of the label column.
 */
function freeWeight(grid: SheetGrid, nCols: number, top: number, last: number, labelCol: number, catalog: Catalog): { hits: string; texts: number } {
  const V = grid.values;
  const hiddenRows = grid.hiddenRows?.length ? new Set(grid.hiddenRows) : NONE;
  const hiddenCols = grid.hiddenColumns?.length ? new Set(grid.hiddenColumns) : NONE;
  const scan = Math.min(V.length, MAX_SCAN_ROWS);
  let out = "";
  let labelTexts = 0;
  for (let c = 0; c < Math.min(nCols, 4); c++) {
    if (hiddenCols.has(c)) continue;
    let texts = 0, hits = 0, first = -1;
    for (let r = 0; r < scan; r++) {
      if (r === top) { r = last; continue; }
      if (hiddenRows.has(r)) continue;
      const k = labelCell(V[r], c, hiddenCols, catalog);
      if (k === 0) continue;
      texts++;
      if (k === 2) { hits++; if (first < 0) first = r; }
    }
    out += `${c}:${hits}:${first};`;
    if (c === labelCol) labelTexts = texts;
  }
  return { hits: out, texts: labelTexts };
}

function isFooterRow(row: CellValue[], labelCol: number): boolean {
  const cells = row.slice(0, Math.max(4, labelCol + 2)).map(cellText);
  return cells.some(Boolean) && isFooterFolded(foldJoined(cells));
}

/** Remembers a form read the full way as a template for the next ones. */
export function rememberForm(grid: SheetGrid, cls: SheetClass, plan: FormPlan, period: string | null, key: string, catalog: Catalog): void {
  const rl = cls.rows;
  if (cls.kind !== "form" || !cls.rowsSure || cls.labelHits === undefined || cls.labelTexts === undefined || !rl || rl.bodyEnd === undefined || rl.firstLabelRow === undefined) return;
  const V = grid.values;
  const nCols = widthOf(V);
  const top = rl.subHeaderRow !== null ? rl.headerRow - 1 : rl.headerRow;
  const last = rl.bodyEndKind === "footer" ? rl.bodyEnd - 1 : rl.bodyEndKind === "blanks" ? rl.bodyEnd : V.length - 1;
  const body = new Set(rl.bodyRows);
  const valueCols = rl.valueColumns;
  const K = Math.max(4, rl.labelColumn + 2);
  const rows: CellValue[][] = [];
  const shapes: (Uint8Array | null)[] = [];
  const recheckFooter: number[] = [];
  const words: FormTemplate["words"] = [];
  const hiddenCols = new Set(grid.hiddenColumns ?? []);
  for (let r = top; r <= last; r++) {
    const row = V[r];
    if (!row) return;
    rows.push(row.slice());
    // Label rows above the first indicator row are where the header was looked for: a year
    // among their figures would have been a header, so they must match exactly.
    if (!body.has(r) || r < rl.firstLabelRow) { shapes.push(null); continue; }
    const s = new Uint8Array(row.length);
    for (const c of valueCols) {
      if (c >= row.length) continue;
      s[c] = shape(row[c]);
      if (s[c] === TEXT && c < 4 && r < MAX_SCAN_ROWS) words.push({ r, c, k: labelCell(row, c, hiddenCols, catalog) });
    }
    shapes.push(s);
    // The footer test folds the row's first cells, figures included: it can only turn on a
    // figure when a non-value text follows the figures or a text says "ngày".
    const inK = valueCols.filter((c) => c < K);
    if (!inK.length) continue;
    const firstV = Math.min(...inK);
    let unstable = inK.some((c) => s[c] === OTHER || s[c] === TEXT);
    for (let c = 0; c < Math.min(K, row.length) && !unstable; c++) {
      if (valueCols.includes(c)) continue;
      const f = fold(cellText(row[c]));
      if (f && (c > firstV || f.includes("ngay"))) unstable = true;
    }
    if (unstable) recheckFooter.push(r);
  }
  const free = freeWeight(grid, nCols, top, last, rl.labelColumn, catalog);
  const t: FormTemplate = {
    cls, plan, period, key, nCols, bandWidth: rows.reduce((m, row) => Math.max(m, row.length), 0), length: V.length, frame: frameOf(grid), top, last, rows, shapes, recheckFooter, words,
    freeHits: free.hits, freeTexts: free.texts,
  };
  let list = byCatalog.get(catalog);
  if (!list) { list = []; byCatalog.set(catalog, list); }
  list.unshift(t);
  if (list.length > MAX_TEMPLATES) list.length = MAX_TEMPLATES;
  count(catalog, "remembered");
}

/**
 * The template a sheet is a copy of (its texts and blank cells as the template's), with the
 * sheet's classification (the template's, its label count redone when the free rows hold more
 * or fewer texts: a signer's name), or null.
 */
export function findForm(grid: SheetGrid, key: string, catalog: Catalog): { template: FormTemplate; cls: SheetClass } | null {
  const list = byCatalog.get(catalog);
  if (!list?.length) return null;
  const V = grid.values;
  let frame: string | null = null;
  for (let k = 0; k < list.length; k++) {
    const t = list[k]!;
    if (t.key !== key) continue;
    const endKind = t.cls.rows!.bodyEndKind;
    if (endKind === "end" ? V.length !== t.length : V.length <= t.cls.rows!.bodyEnd!) continue;
    frame ??= frameOf(grid);
    if (t.frame !== frame) continue;
    const cls = matches(grid, t, catalog);
    if (!cls) continue;
    if (k > 0) { list.splice(k, 1); list.unshift(t); }
    count(catalog, "hits");
    return { template: t, cls };
  }
  return null;
}

function matches(grid: SheetGrid, t: FormTemplate, catalog: Catalog): SheetClass | null {
  const V = grid.values;
  const rl = t.cls.rows!;
  for (let r = t.top; r <= t.last; r++) {
    const a = V[r];
    const b = t.rows[r - t.top]!;
    if (!a || a.length !== b.length) return null;
    const s = t.shapes[r - t.top];
    if (!s) {
      for (let c = 0; c < b.length; c++) if (a[c] !== b[c]) return null;
      continue;
    }
    for (let c = 0; c < b.length; c++) {
      const want = s[c]!;
      if (want === 0 || want === OTHER) { if (a[c] !== b[c]) return null; }
      else if (a[c] !== b[c] && shape(a[c]) !== want) return null;
    }
  }
  if (t.words.length) {
    const hiddenCols = new Set(grid.hiddenColumns ?? []);
    for (const w of t.words) if (labelCell(V[w.r], w.c, hiddenCols, catalog) !== w.k) return null;
  }
  // The band's rows are the template's length; the free rows must not widen the sheet.
  let width = t.bandWidth;
  for (let r = 0; r < V.length; r++) {
    if (r === t.top) { r = t.last; continue; }
    if (V[r]!.length > width) width = V[r]!.length;
  }
  if (width !== t.nCols) return null;
  for (const r of t.recheckFooter) if (isFooterRow(V[r]!, rl.labelColumn)) return null;
  if (rl.bodyEndKind === "footer" && !isFooterRow(V[rl.bodyEnd!] ?? [], rl.labelColumn)) return null;
  const under = rl.headerRow + 1;
  if (rl.bodyRows[0] === under && isNumberingOnly(V[under]!, -1)) return null;
  if (rl.subHeaderRow === null && rl.headerRow > 0 && isGroupHeaderRow(V[rl.headerRow - 1] ?? [], rl.labelColumn, t.nCols)) return null;
  const free = freeWeight(grid, t.nCols, t.top, t.last, rl.labelColumn, catalog);
  if (free.hits !== t.freeHits) return null;
  if (free.texts === t.freeTexts) return t.cls;
  const hits = t.cls.labelHits!;
  const texts = t.cls.labelTexts! - t.freeTexts + free.texts;
  if (!isRowsSure(hits, texts, t.nCols)) return null;
  return { ...rowsClass(rl, rl.labelColumn, hits, texts, hits / texts), rowsSure: true, labelHits: hits, labelTexts: texts };
}
