import {
  asCellText as asText, columnLetters, decodeRecord, encodeRecord, parseA1, planAnnotations, RECORD_SHEET, REPORT_SHEET, SEVERITY_FILL,
  type AnnotationRecord, type Issue, type Lang, type RowPatch, type SheetGrid,
} from "../../../shared/index.ts";
import { ROLLUP_SHEET, SCORECARD_SHEET, STATUS_SHEET } from "../../../shared/report/sheet-names.ts";
import { areaLists, groupBy } from "./areas.ts";
import { estimate, jsonBytes, REQUEST_BUDGET, RequestBudget, RESPONSE_BUDGET, ROWS_PER_WRITE, wire } from "./budget.ts";
import { AdapterError, isSizeFailure } from "./errors.ts";
import { fromRecordFill, isGradient, toRecordFill, type OfficeFill } from "./fills.ts";
import { sheetRef, splitAddress, toSheetGrid } from "./grid.ts";
import type { OfficeHost, XlCellFill, XlContext, XlNote, XlRange, XlRangeFill, XlResult, XlRun, XlWorksheet, XlWorksheetCollection } from "./surface.ts";

/**
 * What this Excel can do, decided once from its requirement sets. The manifest asks for
 * ExcelApi 1.2 (hiding the record sheet, column widths); everything newer is optional.
 */
export interface Capabilities {
  /** ExcelApi 1.18: cell notes. Older desktop builds and some web sessions lack them. */
  notes: boolean;
  /** ExcelApi 1.9: fill patterns (no fill vs white), getCellProperties, getRanges. */
  fillPattern: boolean;
  /** ExcelApi 1.2: getUsedRange(valuesOnly), sheet visibility, protection. */
  valuesOnly: boolean;
  /** ExcelApi 1.7: freeze panes, chart series from any range. */
  freeze: boolean;
  /** ExcelApi 1.10: threaded comments (a cell with one cannot take a note). */
  comments: boolean;
  /** ExcelApi 1.9: page layout (orientation, paper, fit to width, print titles). */
  print: boolean;
  /** ExcelApi 1.2: Range.rowHidden / columnHidden, so hidden rows and columns are never read as data. */
  hidden: boolean;
  /** ExcelApi 1.9: getRowProperties / getColumnProperties, one answer per row or column of a block. */
  lineProperties: boolean;
  /** ExcelApi 1.11: an event when rows are hidden or shown. */
  rowHiddenEvents: boolean;
}

export const MIN_EXCEL_API = "1.2";

export function capabilities(office: Pick<OfficeHost, "isSetSupported">): Capabilities {
  const has = (v: string) => office.isSetSupported("ExcelApi", v);
  return { notes: has("1.18"), fillPattern: has("1.9"), valuesOnly: has("1.2"), freeze: has("1.7"), comments: has("1.10"), print: has("1.9"), hidden: has("1.2"), lineProperties: has("1.9"), rowHiddenEvents: has("1.11") };
}

/**
 * A sheet of the workbook: "data" may be validated; "annotation" is the pane's own "Kiểm tra"
 * report or restore record; "report" a sheet the product wrote (rollup, status, scorecard, draft,
 * detail), known by its id or, for the fixed-named ones, by name. Only data sheets are offered
 * for validation or read as data.
 */
export type SheetKind = "data" | "annotation" | "report";
export interface SheetInfo { name: string; visibility: string; id?: string; kind?: SheetKind }

/** Sheets the product writes under a fixed name (the rollup, status and scorecard sheets, also from htct). */
const REPORT_NAMES = new Set([ROLLUP_SHEET, STATUS_SHEET, SCORECARD_SHEET].map((n) => n.toLocaleUpperCase()));

export function sheetKind(name: string, id: string | undefined, reports: ReadonlySet<string>): SheetKind {
  if (isOwnSheet(name)) return "annotation";
  if ((id && reports.has(id)) || REPORT_NAMES.has(name.toLocaleUpperCase())) return "report";
  return "data";
}

/** Whether the validate tab offers the sheet. */
export const offered = (s: SheetInfo): boolean => s.visibility === "Visible" && (s.kind ?? sheetKind(s.name, s.id, new Set())) === "data";

export interface SheetSnapshot {
  grid: SheetGrid;
  /** Every sheet, hidden ones included, as of this read: later operations use it to save a sync. */
  sheets: SheetInfo[];
  /**
   * When asked for: the workbook's other sheets that may hold data (not very hidden, not the
   * add-in's own), read alike, so that checks over the whole workbook see them too.
   */
  others?: SheetGrid[];
}

export interface ReadOptions {
  /** Read the workbook's other sheets too (SheetSnapshot.others). */
  others?: boolean;
  /**
   * The sheets as last seen: their sizes are asked in the first sync, saving one. A sheet since
   * deleted or renamed makes Excel refuse that sync; the read is then done again without them.
   */
  known?: readonly SheetInfo[];
}

/** One sheet being read: its used range (size loaded) and what is learned of it. */
interface ReadTarget { name: string; ws: XlWorksheet; used: XlRange }

export interface AnnotateResult {
  marked: number;
  notes: number;
  reportSheet: string;
  syncs: number;
  /** Cells with a gradient fill, which Office.js cannot write back: left unfilled, listed in the report. */
  keptFills: string[];
  /** Primary cells holding a threaded comment: no note added (a cell cannot hold both). */
  commented: string[];
}

export interface ClearResult {
  cleared: boolean;
  syncs: number;
  /** Cells whose fill could not be put back exactly (a white fill read without ExcelApi 1.9 comes back as none). */
  approximate: number;
}

/** Sheets the add-in writes itself, never offered for validation. */
export function isOwnSheet(name: string): boolean {
  const n = name.toLocaleUpperCase();
  const own = REPORT_SHEET.toLocaleUpperCase();
  return n === RECORD_SHEET.toLocaleUpperCase() || n === own || n.startsWith(`${own} (`);
}

/** Excel compares sheet names without regard to case: "KIỂM TRA" takes the name "Kiểm tra". */
class SheetNames {
  private readonly set = new Set<string>();
  constructor(list: readonly SheetInfo[]) { for (const s of list) this.add(s.name); }
  has(name: string): boolean { return this.set.has(name.toLocaleUpperCase()); }
  add(name: string): void { this.set.add(name.toLocaleUpperCase()); }
  delete(name: string): void { this.set.delete(name.toLocaleUpperCase()); }
}

const key = (sheet: string, address: string) => `${sheet.toLocaleUpperCase()}!${address}`;
const hex = (argb: string) => `#${argb.slice(2)}`;
const REPORT_WIDTHS = [70, 110, 50, 140, 420, 300, 110];
const LINK_COLOUR = "#0563C1";
/**
 * Bytes a cell's value and number format take in an answer: ~15 for numbers under "General",
 * more for text. A sheet of long text overshoots; Excel then refuses the block and blocks shrink.
 */
const READ_BYTES_PER_CELL = 28;
/** Bytes a row's entry takes in a getRowProperties answer (`{"rowHidden":false}`, with a comma). */
const ROW_PROPERTIES_BYTES = 24;
/** Below ExcelApi 1.9 a row's hidden state is one range load: its answer, and its request. */
const ROW_PROBE_ANSWER_BYTES = 64;
const ROW_PROBE_REQUEST_BYTES = wire(1, 2, "XFD1048576");
/** What one read block's answer may grow to. */
const READ_BLOCK_BYTES = 4 * 1024 * 1024;
/** Bytes a cell's fill takes in a getCellProperties answer. */
const FILL_BYTES_PER_CELL = 64;
/** The desktop refuses ranges of more than 5 million cells; we read at most a fifth of that at once. */
const MAX_BLOCK_CELLS = 1_000_000;
/** Marked rows further apart than this are read in separate blocks. */
const ROW_GAP = 64;

type RecordCell = AnnotationRecord["cells"][number];
interface Probe { sheet: string; address: string; fill: () => { color: string | null; pattern: string | null | undefined }; note?: XlNote }

/**
 * The add-in's only contact with the workbook. Every method is one Excel.run with a small, fixed
 * number of syncs: read = 2 (the size, then values in blocks sized from it); annotate = 3 (what is
 * there; the restore record, on its own; the marks and the report); clear = 2–3. Values on the
 * clerk's sheets are only ever read.
 */
export class ExcelAdapter {
  constructor(private readonly run: XlRun, readonly caps: Capabilities) {}
  /** Ids of the report sheets the product wrote in this workbook (the pane sets it from the document's settings). */
  reportSheets: () => ReadonlySet<string> = () => new Set();

  /**
   * The sheet's used range (values and number formats), the rows and columns hidden in it, and
   * the list of sheets (with `others`, the other sheets' used ranges too). The first sync learns
   * the ranges' sizes; values are then read in blocks of rows chosen from rowCount and
   * columnCount so that no answer passes Excel on the web's 5 MB, nor the desktop's 5 million
   * cells; small blocks of several sheets share a sync. Should Excel refuse a block anyway, the
   * blocks shrink and the read goes on.
   */
  async readSheet(name?: string, opts: ReadOptions = {}): Promise<SheetSnapshot> {
    const guess = opts.others ? (opts.known ?? []).filter((s) => mayHoldData(s) && (!name || !sameName(s.name, name))).map((s) => s.name) : [];
    try {
      return await this.readOnce(name, !!opts.others, guess);
    } catch (e) {
      if (guess.length && (e as { code?: unknown })?.code === "ItemNotFound") return this.readOnce(name, true, []);
      throw e;
    }
  }

  private readOnce(name: string | undefined, withOthers: boolean, guess: readonly string[]): Promise<SheetSnapshot> {
    return this.run(async (ctx) => {
      const books = ctx.workbook.worksheets;
      const list = books.load("items/name,items/visibility,items/id");
      const ws = this.sheetOf(ctx, name);
      ws.load("name");
      const size = (w: XlWorksheet) => this.usedRange(w).load(this.caps.hidden ? "address,rowCount,columnCount,rowHidden,columnHidden" : "address,rowCount,columnCount");
      // Whether any row or column is hidden costs nothing more here: false for both is the common case.
      const used = size(ws);
      const guessed = new Map(guess.map((n) => { const w = books.getItem(n); return [n.toLocaleUpperCase(), { ws: w, used: size(w) }]; }));
      await ctx.sync();
      const reports = this.reportSheets();
      const sheets = list.items.map((s) => infoOf(s, reports));
      const targets: ReadTarget[] = [{ name: ws.name, ws, used }];
      if (withOthers) {
        const late: ReadTarget[] = [];
        for (const s of sheets) {
          if (!mayHoldData(s) || sameName(s.name, ws.name)) continue;
          const g = guessed.get(s.name.toLocaleUpperCase());
          if (g) targets.push({ name: s.name, ...g });
          else { const w = books.getItem(s.name); late.push({ name: s.name, ws: w, used: size(w) }); }
        }
        // Sheets added since they were last seen: their sizes, in a sync of their own.
        if (late.length) { await ctx.sync(); targets.push(...late); }
      }
      for (let scale = 1; ; scale /= 4) {
        const shape = { singleRows: false };
        try {
          const grids = await this.readBlocks(ctx, targets, scale, shape);
          return { grid: grids[0]!, sheets, ...(withOthers ? { others: grids.slice(1) } : {}) };
        } catch (e) {
          // Blocks of one row that still fail are not a matter of size.
          if (!isSizeFailure(e) || shape.singleRows) throw e;
        }
      }
    });
  }

  /**
   * What the used range says of hidden rows and columns: all, none, or some (then each row or
   * column is asked, in the blocks' own syncs). Without ExcelApi 1.2 nothing is known.
   */
  private hiddenProbe(used: XlRange): { rows: boolean; columns: boolean; allRows: boolean; allColumns: boolean } {
    if (!this.caps.hidden) return { rows: false, columns: false, allRows: false, allColumns: false };
    return { rows: used.rowHidden === null, columns: used.columnHidden === null, allRows: used.rowHidden === true, allColumns: used.columnHidden === true };
  }

  /**
   * Only the given rows of a sheet read before (1-based sheet rows, across the grid's columns),
   * in one sync, for checking again after an edit. Null when the used range no longer has the
   * grid's shape (rows or columns added, the table moved): the caller reads the sheet again.
   * The sheet list comes in the same sync, for marking afterwards.
   */
  async readRows(grid: SheetGrid, rows: readonly number[]): Promise<{ rows: RowPatch[]; sheets: SheetInfo[] } | null> {
    const origin = grid.origin ?? { row: 0, col: 0 };
    const width = Math.max(1, ...grid.values.map((r) => r.length));
    const first = columnLetters(origin.col), last = columnLetters(origin.col + width - 1);
    // Neighbouring rows go in one range: a paste of 500 rows is one range, not 500.
    const runs: [number, number][] = [];
    for (const r of [...rows].sort((a, b) => a - b)) {
      const run = runs.at(-1);
      if (run && r <= run[1] + 1) run[1] = Math.max(run[1], r); else runs.push([r, r]);
    }
    return this.run(async (ctx) => {
      const list = ctx.workbook.worksheets.load("items/name,items/visibility,items/id");
      const ws = ctx.workbook.worksheets.getItem(grid.name);
      const used = this.usedRange(ws).load(this.caps.hidden ? "address,rowCount,columnCount,rowHidden,columnHidden" : "address,rowCount,columnCount");
      const ranges = runs.map(([top, bottom]) => ws.getRange(`${first}${top}:${last}${bottom}`).load("values,numberFormat"));
      await ctx.sync();
      const now = splitAddress(used.address).origin;
      if (now.row !== origin.row || now.col !== origin.col || used.rowCount !== grid.values.length || used.columnCount !== width) return null;
      // Rows or columns hidden or shown since the grid was read (none ↔ some ↔ all): read it again whole.
      if (this.caps.hidden && (hiddenState(used.rowHidden) !== hiddenState(grid.hiddenRows, used.rowCount) || hiddenState(used.columnHidden) !== hiddenState(grid.hiddenColumns, used.columnCount))) return null;
      const out: RowPatch[] = [];
      ranges.forEach((range, k) => {
        if (!Array.isArray(range.values) || !Array.isArray(range.numberFormat)) throw Object.assign(new Error("values came back empty"), { code: "RangeExceedsLimit" });
        const part = toSheetGrid(grid.name, `${first}${runs[k]![0]}`, range.values, range.numberFormat, { rows: [], columns: [] });
        part.values.forEach((values, i) => out.push({ row: runs[k]![0] + i, values, formats: part.formats![i]! }));
      });
      const reports = this.reportSheets();
      return { rows: out, sheets: list.items.map((s) => infoOf(s, reports)) };
    });
  }

  /**
   * Every target's values, number formats and hidden lines, in blocks of rows. A block's size
   * comes from its sheet's width (and, when some rows are hidden, what asking for each costs);
   * blocks are packed into syncs until a sync's answer, cells or request would pass the limits.
   * `scale` shrinks blocks and limits alike after Excel refused one.
   */
  private async readBlocks(ctx: XlContext, targets: readonly ReadTarget[], scale: number, shape: { singleRows: boolean }): Promise<SheetGrid[]> {
    shape.singleRows = true;
    const answerLimit = READ_BLOCK_BYTES * scale, cellLimit = MAX_BLOCK_CELLS * scale, requestLimit = (REQUEST_BUDGET - wire(2, 4)) * scale;
    let pending: (() => void)[] = [];
    let answer = 0, cells = 0, request = 0;
    const flush = async () => {
      if (!pending.length) return;
      await ctx.sync();
      for (const done of pending) done();
      pending = []; answer = 0; cells = 0; request = 0;
    };
    const out: { values: unknown[][]; formats: unknown[][]; hiddenRows: number[]; hiddenColumns: number[] }[] = [];
    for (const { ws, used } of targets) {
      const probe = this.hiddenProbe(used);
      const { origin } = splitAddress(used.address);
      const first = columnLetters(origin.col), last = columnLetters(origin.col + used.columnCount - 1);
      // 0-based rows and columns of the grid, as the shared reader takes them.
      const got = {
        values: [] as unknown[][], formats: [] as unknown[][],
        hiddenRows: probe.allRows ? Array.from({ length: used.rowCount }, (_, i) => i) : [],
        hiddenColumns: probe.allColumns ? Array.from({ length: used.columnCount }, (_, i) => i) : [],
      };
      out.push(got);
      // A row's share of an answer (its values, its hidden state) and of a request (a range per row below 1.9).
      const rowAnswer = READ_BYTES_PER_CELL * used.columnCount + (probe.rows ? (this.caps.lineProperties ? ROW_PROPERTIES_BYTES : ROW_PROBE_ANSWER_BYTES) : 0);
      const rowRequest = probe.rows && !this.caps.lineProperties ? ROW_PROBE_REQUEST_BYTES : 0;
      const columnRequest = probe.columns && !this.caps.lineProperties ? ROW_PROBE_REQUEST_BYTES * used.columnCount : 0;
      const perBlock = Math.max(1, Math.min(used.rowCount, Math.floor(answerLimit / rowAnswer), Math.floor(cellLimit / used.columnCount),
        rowRequest ? Math.floor(Math.max(rowRequest, requestLimit - columnRequest) / rowRequest) : Infinity));
      if (perBlock > 1) shape.singleRows = false;
      for (let r = 0; r < used.rowCount; r += perBlock) {
        const n = Math.min(perBlock, used.rowCount - r);
        const blockRequest = wire(2, 4) + n * rowRequest + (r === 0 ? columnRequest : 0);
        if (pending.length && (answer + n * rowAnswer > answerLimit || cells + n * used.columnCount > cellLimit || request + blockRequest > requestLimit)) await flush();
        answer += n * rowAnswer; cells += n * used.columnCount; request += blockRequest;
        const top = origin.row + r + 1, bottom = top + n - 1;
        const range = ws.getRange(`${first}${top}:${last}${bottom}`);
        const block = range.load("values,numberFormat");
        const rowsHidden = probe.rows ? this.queueLines(ws, range, "row", first, top, bottom) : null;
        const colsHidden = probe.columns && r === 0 ? this.queueLines(ws, ws.getRange(`${first}${top}:${last}${top}`), "column", first, origin.col, origin.col + used.columnCount - 1, top) : null;
        pending.push(() => {
          // The desktop answers null rather than an error for some ranges it finds too large.
          if (!Array.isArray(block.values) || !Array.isArray(block.numberFormat)) throw Object.assign(new Error("values came back empty"), { code: "RangeExceedsLimit" });
          got.values.push(...block.values);
          got.formats.push(...block.numberFormat);
          rowsHidden?.().forEach((h, i) => { if (h) got.hiddenRows.push(r + i); });
          colsHidden?.().forEach((h, i) => { if (h) got.hiddenColumns.push(i); });
        });
      }
    }
    await flush();
    return targets.map((t, i) => toSheetGrid(t.name, t.used.address, out[i]!.values, out[i]!.formats, { rows: out[i]!.hiddenRows, columns: out[i]!.hiddenColumns }));
  }

  /**
   * Queues the hidden state of each row (or column) from `from` to `to` (1-based rows, 0-based
   * columns): one getRowProperties / getColumnProperties over the block from ExcelApi 1.9, else
   * one small range per line (its rowHidden / columnHidden, ExcelApi 1.2). Read after the sync.
   */
  private queueLines(ws: XlWorksheet, range: XlRange, kind: "row" | "column", first: string, from: number, to: number, row = 0): () => boolean[] {
    if (this.caps.lineProperties) {
      if (kind === "row") { const p = range.getRowProperties({ rowHidden: true }); return () => p.value.map((x) => x.rowHidden === true); }
      const p = range.getColumnProperties({ columnHidden: true });
      return () => p.value.map((x) => x.columnHidden === true);
    }
    const probes: XlRange[] = [];
    for (let x = from; x <= to; x++) probes.push(ws.getRange(kind === "row" ? `${first}${x}` : `${columnLetters(x)}${row}`).load(kind === "row" ? "rowHidden" : "columnHidden"));
    return () => probes.map((p) => (kind === "row" ? p.rowHidden : p.columnHidden) === true);
  }

  private sheetOf(ctx: XlContext, name?: string): XlWorksheet {
    return name ? ctx.workbook.worksheets.getItem(name) : ctx.workbook.worksheets.getActiveWorksheet();
  }

  private usedRange(ws: XlWorksheet): XlRange {
    return this.caps.valuesOnly ? ws.getUsedRange(true) : ws.getUsedRange();
  }

  /**
   * Calls `onEdit` whenever the clerk changes the sheet (typing, paste, fill, row deletion, and
   * from ExcelApi 1.11 hiding or showing rows, as change type "RowHidden" / "RowUnhidden"):
   * Excel's own data validation does not run on paste, so the pane checks again. ExcelApi 1.7;
   * false where the host lacks it. One registration per sheet; the handler only reports.
   */
  async watch(sheet: string, onEdit: (address: string, changeType: string) => void): Promise<boolean> {
    if (!this.caps.freeze) return false;
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.onChanged.add(async (e) => { onEdit(e.address, e.changeType); });
      // Hiding rows changes what is data without changing a cell: the sheet is read again whole.
      if (this.caps.rowHiddenEvents) ws.onRowHiddenChanged.add(async (e) => { onEdit(e.address, `Row${e.changeType}`); });
      await ctx.sync();
    });
    return true;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.run(async (ctx) => {
      const list = ctx.workbook.worksheets.load("items/name,items/visibility,items/id");
      await ctx.sync();
      const reports = this.reportSheets();
      return list.items.map((s) => infoOf(s, reports));
    });
  }

  /** Selects a cell (and its sheet), for "click an issue". */
  async select(sheet: string, address: string): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await ctx.sync();
    });
  }

  /**
   * Marks the issues' cells (fill by severity; a note on each primary cell where notes exist and
   * the cell holds no threaded comment), writes the report sheet with a link per issue, and
   * records the clerk's own fills and notes so that `clear` restores them. The record is written
   * first, in a sync of its own: Excel does not roll back a failed batch, so whatever happens to
   * the marks afterwards, Clear can put the clerk's formatting back. An earlier annotation is
   * undone in the same pass. Nothing is written when a marked sheet is protected. `sheets` is the
   * list from the read that found the issues; it saves a sync. `previous`, the issues the marks on
   * the sheet show, lets a re-check after an edit leave alone every cell whose mark is the same.
   */
  async annotate(issues: readonly Issue[], lang: Lang, sheets?: SheetInfo[], previous?: readonly Issue[]): Promise<AnnotateResult> {
    const { marks, report } = planAnnotations(issues, lang);
    // Marks of the issues already on the sheet: a cell whose mark is the same is neither read nor written again.
    const before = previous ? new Map(planAnnotations(previous, lang).marks.map((m) => [key(m.sheet, m.address), m])) : null;
    const unchanged = (m: { sheet: string; address: string; severity: string; note: string }) => {
      const b = before?.get(key(m.sheet, m.address));
      return !!b && b.severity === m.severity && b.note === m.note;
    };
    const result = await this.run(async (ctx): Promise<AnnotateResult | null> => {
      let syncs = 0;
      const sync = async () => { await ctx.sync(); syncs++; };
      const books = ctx.workbook.worksheets;
      const list = sheets ?? await listSheets(books, sync, this.reportSheets());
      const names = new SheetNames(list);
      const ws = this.sheetCache(books);
      const budget = new RequestBudget(ctx);

      // Sync 1: the old record, protection, and each marked cell's own fill, note and comment.
      const hasRecord = names.has(RECORD_SHEET);
      const recordRange = hasRecord ? ws(RECORD_SHEET).getUsedRange().load("values,rowCount") : null;
      const live = marks.filter((m) => names.has(m.sheet) && parseA1(m.address));
      const markedSheets = [...new Set(live.map((m) => m.sheet))];
      const protection = markedSheets.map((s) => ({ sheet: s, p: ws(s).protection.load("protected") }));
      const comments = this.caps.comments && this.caps.notes ? markedSheets.map((s) => ({ sheet: s, c: ws(s).comments.load("items") })) : [];
      const probes = new Map<string, Probe>();
      await this.probe(ws, live.filter((m) => !unchanged(m)), probes, budget);
      await sync(); budget.reset();

      const locked = protection.find((x) => x.p.protected);
      if (locked) throw new AdapterError("protected", locked.sheet);
      const old = recordRange ? decodeRecord(recordRange.values.map((r) => r[0])) : null;
      const originals = new Map<string, RecordCell>();
      for (const c of old?.cells ?? []) originals.set(key(c.sheet, c.address), c);
      // A cell we did not read must be in the record; if it is not (the record is gone), mark everything afresh.
      if (live.some((m) => unchanged(m) && !originals.has(key(m.sheet, m.address)))) return null;
      const markKeys = new Set(live.map((m) => key(m.sheet, m.address)));
      const stale = [...originals.values()].filter((c) => !markKeys.has(key(c.sheet, c.address)) && names.has(c.sheet));

      // What each marked cell looked like before any annotation of ours.
      const kept: string[] = [];
      const cells: RecordCell[] = live.map((m) => {
        const k = key(m.sheet, m.address);
        const earlier = originals.get(k);
        if (earlier) return earlier;
        const p = probes.get(k)!;
        const f = p.fill();
        const note = p.note && !p.note.isNullObject ? p.note.content : null;
        if (isGradient(f.pattern)) { kept.push(`${m.sheet}!${m.address}`); return { sheet: m.sheet, address: m.address, fill: null, note, fillKept: true }; }
        return { sheet: m.sheet, address: m.address, fill: toRecordFill(f.color, f.pattern), note };
      });
      const reportName = this.reportName(names, old);
      const record: AnnotationRecord = { version: 1, createdAt: new Date().toISOString(), cells: [...cells, ...stale], reportSheetCreated: true, reportSheet: reportName };

      // The record goes out in one action (so a failure leaves the old one or the new one): it must
      // fit one request, with room to spare. Too many marks are refused before anything is written.
      if (jsonBytes(encodeRecord(record)) + wire(2, 3) > REQUEST_BUDGET) throw new AdapterError("tooManyMarks", undefined, cells.length);

      // Sync 2: the record alone (stale cells stay in it until they are restored), and what sync 3 needs to know.
      const recordSheet = hasRecord ? ws(RECORD_SHEET) : books.add(RECORD_SHEET);
      this.writeRecord(recordSheet, record, recordRange?.rowCount ?? 0);
      if (!hasRecord) recordSheet.visibility = "VeryHidden";
      const locations = comments.flatMap(({ sheet, c }) => c.items.map((item) => ({ sheet, at: item.getLocation().load("address") })));
      const staleNotes = new Map<string, XlNote>();
      if (this.caps.notes) for (const c of stale) staleNotes.set(key(c.sheet, c.address), ws(c.sheet).notes.getItemOrNullObject(c.address).load("content"));
      await sync();
      const withComment = new Set(locations.map((l) => key(l.sheet, cellOf(l.at.address))));

      // Sync 3: the clerk's fills and notes back on cells no longer marked, the marks, the report.
      let notes = 0;
      const commented: string[] = [];
      await this.restoreFills(ws, stale, budget);
      for (const c of stale) await this.putNote(ws, c.sheet, c.address, staleNotes.get(key(c.sheet, c.address)), c.note, budget);
      const fillable = live.filter((m, i) => !cells[i]!.fillKept && !unchanged(m));
      await this.fillMarks(ws, fillable, budget);
      for (const [i, m] of live.entries()) {
        if (!this.caps.notes) break;
        const k = key(m.sheet, m.address);
        if (unchanged(m)) { if (m.note) { if (withComment.has(k)) commented.push(`${m.sheet}!${m.address}`); else notes++; } continue; }
        const want = m.note ? m.note : cells[i]!.note;
        if (withComment.has(k)) { if (m.note) commented.push(`${m.sheet}!${m.address}`); continue; }
        await this.putNote(ws, m.sheet, m.address, probes.get(k)?.note, want, budget);
        if (m.note) notes++;
      }
      await this.writeReport(books, names, old, reportName, report, budget);
      // The record now holds the marked cells only.
      this.writeRecord(recordSheet, { ...record, cells }, encodeRecord(record).length);
      await sync();
      return { marked: cells.length, notes, reportSheet: reportName, syncs: syncs + budget.extraSyncs, keptFills: kept, commented };
    });
    return result ?? this.annotate(issues, lang, sheets);
  }

  private sheetCache(books: XlWorksheetCollection): (name: string) => XlWorksheet {
    const cache = new Map<string, XlWorksheet>();
    return (name) => { const k = name.toLocaleUpperCase(); let w = cache.get(k); if (!w) { w = books.getItem(name); cache.set(k, w); } return w; };
  }

  /** "Kiểm tra", or "Kiểm tra (2)"… when the clerk has a sheet of that name (in any case). */
  private reportName(names: SheetNames, old: AnnotationRecord | null): string {
    const ours = old?.reportSheetCreated ? old.reportSheet ?? REPORT_SHEET : null;
    let name = REPORT_SHEET;
    for (let k = 2; names.has(name) && !(ours && name.toLocaleUpperCase() === ours.toLocaleUpperCase()); k++) name = `${REPORT_SHEET} (${k})`;
    return name;
  }

  /**
   * Queues the reads of each marked cell's fill and note. With ExcelApi 1.9 fills come from
   * getCellProperties over blocks of the marked rows, column by column, instead of one object
   * path per cell; below it, one fill load per cell.
   */
  private async probe(ws: (n: string) => XlWorksheet, live: readonly { sheet: string; address: string }[], out: Map<string, Probe>, budget: RequestBudget): Promise<void> {
    const byColumn = groupBy(live, (m) => `${m.sheet.toLocaleUpperCase()}\u0000${parseA1(m.address)!.col}`);
    if (this.caps.fillPattern) {
      let answer = 0;
      for (const group of byColumn.values()) {
        const col = parseA1(group[0]!.address)!.col;
        const rows = [...new Set(group.map((m) => parseA1(m.address)!.row))].sort((a, b) => a - b);
        for (const [top, bottom] of spans(rows)) {
          const bytes = (bottom - top + 1) * FILL_BYTES_PER_CELL;
          // Answers are limited too: a sync once the queued ones would pass the budget.
          if (answer > 0 && answer + bytes > RESPONSE_BUDGET) { await budget.room(Infinity); answer = 0; }
          answer += bytes;
          const letters = columnLetters(col);
          const result: XlResult<XlCellFill[][]> = ws(group[0]!.sheet).getRange(`${letters}${top}:${letters}${bottom}`)
            .getCellProperties({ format: { fill: { color: true, pattern: true } } });
          budget.addBytes(wire(1, 1));
          for (const m of group) {
            const r = parseA1(m.address)!.row;
            if (r < top || r > bottom) continue;
            out.set(key(m.sheet, m.address), { sheet: m.sheet, address: m.address, fill: () => {
              const f = result.value[r - top]?.[0]?.format?.fill;
              return { color: f?.color ?? null, pattern: f?.pattern ?? null };
            } });
          }
        }
      }
    } else {
      for (const m of live) {
        await budget.room(wire(3, 1));
        const fill = ws(m.sheet).getRange(m.address).format.fill.load("color");
        budget.addBytes(wire(3, 1));
        out.set(key(m.sheet, m.address), { sheet: m.sheet, address: m.address, fill: () => ({ color: fill.color, pattern: undefined }) });
      }
    }
    if (this.caps.notes) {
      for (const m of live) {
        await budget.room(wire(1, 1, m.address));
        out.get(key(m.sheet, m.address))!.note = ws(m.sheet).notes.getItemOrNullObject(m.address).load("content");
        budget.addBytes(wire(1, 1, m.address));
      }
    }
  }

  /** Fills by severity: one getRanges per severity and sheet (in address lists under 8,000 characters) from ExcelApi 1.9. */
  private async fillMarks(ws: (n: string) => XlWorksheet, marks: readonly { sheet: string; address: string; severity: keyof typeof SEVERITY_FILL }[], budget: RequestBudget): Promise<void> {
    if (this.caps.fillPattern) {
      for (const group of groupBy(marks, (m) => `${m.sheet.toLocaleUpperCase()}\u0000${m.severity}`).values()) {
        for (const addresses of areaLists(group.map((m) => m.address))) {
          const bytes = wire(3, 2, addresses);
          await budget.room(bytes);
          const fill = ws(group[0]!.sheet).getRanges(addresses).format.fill;
          fill.pattern = "Solid";
          fill.color = hex(SEVERITY_FILL[group[0]!.severity]);
          budget.addBytes(bytes);
        }
      }
      return;
    }
    for (const m of marks) {
      const bytes = wire(3, 1, m.address);
      await budget.room(bytes);
      ws(m.sheet).getRange(m.address).format.fill.color = hex(SEVERITY_FILL[m.severity]);
      budget.addBytes(bytes);
    }
  }

  /** Puts recorded fills back: cells with the same original fill together (RangeAreas from 1.9). */
  private async restoreFills(ws: (n: string) => XlWorksheet, cells: readonly RecordCell[], budget: RequestBudget): Promise<number> {
    let approximate = 0;
    const todo = cells.filter((c) => !c.fillKept);
    if (this.caps.fillPattern) {
      const groups = groupBy(todo, (c) => `${c.sheet.toLocaleUpperCase()}\u0000${JSON.stringify(fromRecordFill(c.fill))}`);
      for (const group of groups.values()) {
        const original = fromRecordFill(group[0]!.fill);
        for (const addresses of areaLists(group.map((c) => c.address))) {
          const bytes = wire(3, 2, addresses);
          await budget.room(bytes);
          this.restoreFill(ws(group[0]!.sheet).getRanges(addresses).format.fill, original);
          budget.addBytes(bytes);
        }
      }
      return 0;
    }
    for (const c of todo) {
      const bytes = wire(3, 1, c.address);
      await budget.room(bytes);
      const original = fromRecordFill(c.fill);
      if (original && original.pattern !== "Solid") approximate++;
      this.restoreFill(ws(c.sheet).getRange(c.address).format.fill, original);
      budget.addBytes(bytes);
    }
    return approximate;
  }

  private async putNote(ws: (n: string) => XlWorksheet, sheet: string, address: string, note: XlNote | undefined, want: string | null, budget: RequestBudget): Promise<void> {
    if (!note) return;
    const bytes = wire(1, 1, [address, want]);
    await budget.room(bytes);
    const exists = !note.isNullObject;
    if (want === null) { if (exists) note.delete(); }
    else if (!exists) ws(sheet).notes.add(address, want);
    else if (note.content !== want) note.content = want;
    budget.addBytes(bytes);
  }

  private async writeReport(
    books: XlWorksheetCollection, names: SheetNames, old: AnnotationRecord | null, reportName: string,
    report: ReturnType<typeof planAnnotations>["report"], budget: RequestBudget,
  ): Promise<void> {
    // Replace ours, never a sheet of the clerk's that happens to share the name.
    const oldReport = old?.reportSheetCreated ? old.reportSheet ?? REPORT_SHEET : null;
    if (oldReport && names.has(oldReport)) { books.getItem(oldReport).delete(); names.delete(oldReport); }
    const rs = books.add(reportName);
    names.add(reportName);
    const cols = report.header.length;
    const last = String.fromCharCode(64 + cols);
    rs.getRange(`A1:${last}1`).values = [report.header];
    rs.getRange(`A1:${last}1`).format.font.bold = true;
    budget.add(report.header);
    for (let i = 0; i < report.rows.length; i += ROWS_PER_WRITE) {
      const block = report.rows.slice(i, i + ROWS_PER_WRITE);
      const values = block.map((r) => r.values);
      // The cell column becomes a HYPERLINK formula: it works from ExcelApi 1.1 and in one write.
      const links = block.map((r) => [r.link
        ? `=HYPERLINK("#${sheetRef(r.link.sheet).replace(/"/g, '""')}!${r.link.address}","${r.link.address}")`
        : asText(r.values[2] ?? "")]);
      await budget.room(estimate(values) + estimate(links));
      const top = i + 2, bottom = i + 1 + block.length;
      rs.getRange(`A${top}:${last}${bottom}`).values = values;
      rs.getRange(`C${top}:C${bottom}`).formulas = links;
      budget.add(values); budget.add(links);
    }
    // Rows are sorted by severity, so one fill per severity block.
    let start = 0;
    for (let i = 1; i <= report.rows.length; i++) {
      if (i === report.rows.length || report.rows[i]!.severity !== report.rows[start]!.severity) {
        rs.getRange(`A${start + 2}:A${i + 1}`).format.fill.color = hex(SEVERITY_FILL[report.rows[start]!.severity]);
        budget.addBytes(wire(3, 1));
        start = i;
      }
    }
    if (report.rows.length) {
      const linkFont = rs.getRange(`C2:C${report.rows.length + 1}`).format.font;
      linkFont.color = LINK_COLOUR;
      linkFont.underline = "Single";
    }
    REPORT_WIDTHS.slice(0, cols).forEach((w, i) => { rs.getRange(`${String.fromCharCode(65 + i)}:${String.fromCharCode(65 + i)}`).format.columnWidth = w; });
    if (this.caps.freeze) rs.freezePanes.freezeRows(1);
    budget.addBytes(wire(10, 10));
  }

  /**
   * Removes what annotate added and restores the clerk's fills and notes; `cleared` is false when
   * there was nothing. The record sheet is very hidden, and Excel refuses to delete a very hidden
   * sheet, so it is made hidden first.
   */
  async clear(sheets?: SheetInfo[]): Promise<ClearResult> {
    return this.run(async (ctx) => {
      let syncs = 0;
      const sync = async () => { await ctx.sync(); syncs++; };
      const books = ctx.workbook.worksheets;
      const list = sheets ?? await listSheets(books, sync, this.reportSheets());
      const names = new SheetNames(list);
      if (!names.has(RECORD_SHEET)) return { cleared: false, syncs, approximate: 0 };
      const ws = this.sheetCache(books);
      const recordSheet = ws(RECORD_SHEET);
      const range = recordSheet.getUsedRange().load("values");
      await sync();
      const record = decodeRecord(range.values.map((r) => r[0]));
      const cells = (record?.cells ?? []).filter((c) => names.has(c.sheet) && parseA1(c.address));
      const touched = [...new Set(cells.map((c) => c.sheet))];
      const protection = touched.map((s) => ({ sheet: s, p: ws(s).protection.load("protected") }));
      const notes = new Map<string, XlNote>();
      if (this.caps.notes) for (const c of cells) notes.set(key(c.sheet, c.address), ws(c.sheet).notes.getItemOrNullObject(c.address).load("content"));
      if (protection.length || notes.size) await sync();
      const locked = protection.find((x) => x.p.protected);
      if (locked) throw new AdapterError("protected", locked.sheet);

      const budget = new RequestBudget(ctx);
      const approximate = await this.restoreFills(ws, cells, budget);
      for (const c of cells) await this.putNote(ws, c.sheet, c.address, notes.get(key(c.sheet, c.address)), c.note, budget);
      const report = record?.reportSheetCreated ? record.reportSheet ?? REPORT_SHEET : null;
      if (report && names.has(report)) ws(report).delete();
      recordSheet.visibility = "Hidden";
      recordSheet.delete();
      await sync();
      return { cleared: true, syncs: syncs + budget.extraSyncs, approximate };
    });
  }

  private restoreFill(fill: XlRangeFill, original: OfficeFill | null): void {
    if (!original) { fill.clear(); return; }
    if (this.caps.fillPattern) fill.pattern = original.pattern;
    fill.color = original.color;
  }

  /**
   * The record goes into column A of a very hidden sheet, as text (chunks may start with "-" or
   * digits), in one write: rows an older, longer record used are blanked in the same action, so a
   * failure leaves either the old record or the new one, never half of each.
   */
  private writeRecord(sheet: XlWorksheet, record: AnnotationRecord, oldRows: number): void {
    const chunks: string[][] = encodeRecord(record).map((c) => [asText(c)]);
    while (chunks.length < oldRows) chunks.push([""]);
    const target = sheet.getRange(`A1:A${chunks.length}`);
    target.numberFormat = chunks.map(() => ["@"]);
    target.values = chunks;
  }
}

/** "none", "some" or "all" hidden, from Excel's answer (false / null / true) or from a grid's list over `count` lines. */
function hiddenState(v: boolean | null | readonly number[] | undefined, count = 0): "none" | "some" | "all" {
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.length >= count ? "all" : "some";
  return v === true ? "all" : v === null ? "some" : "none";
}

/** Excel compares sheet names without regard to case. */
function sameName(a: string, b: string): boolean { return a.toLocaleUpperCase() === b.toLocaleUpperCase(); }

/** A sheet a clerk may keep figures on: not very hidden (the add-in's record), not the add-in's report. */
function mayHoldData(s: SheetInfo): boolean { return s.visibility !== "VeryHidden" && (s.kind ?? sheetKind(s.name, s.id, new Set())) === "data"; }

/** "'Báo cáo'!B3" → "B3". */
function cellOf(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "").split(":")[0]!;
}

/** Sorted 1-based rows → [top, bottom] blocks, a new block where rows are far apart. */
function spans(rows: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && r - last[1] <= ROW_GAP) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

/** The workbook's sheets, when the caller has no list from an earlier read: one sync. */
async function listSheets(books: XlWorksheetCollection, sync: () => Promise<void>, reports: ReadonlySet<string>): Promise<SheetInfo[]> {
  books.load("items/name,items/visibility,items/id");
  await sync();
  return books.items.map((s) => infoOf(s, reports));
}

function infoOf(s: { name: string; visibility: string; id: string }, reports: ReadonlySet<string>): SheetInfo {
  return { name: s.name, visibility: s.visibility, id: s.id, kind: sheetKind(s.name, s.id, reports) };
}

