import { columnLetters, type RowPatch, type SheetGrid } from "../../../shared/index.ts";
import { REQUEST_BUDGET, wire } from "./budget.ts";
import type { Capabilities } from "./capabilities.ts";
import { isSizeFailure } from "./errors.ts";
import { splitAddress, toSheetGrid } from "./grid.ts";
import { infoOf, mayHoldData, sameName, type SheetInfo } from "./sheet-list.ts";
import type { XlContext, XlRange, XlRun, XlWorksheet } from "./surface.ts";

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
/** The desktop refuses ranges of more than 5 million cells; we read at most a fifth of that at once. */
const MAX_BLOCK_CELLS = 1_000_000;

/**
 * Reading the clerk's sheets: two syncs for a whole read (the sizes, then values in blocks sized
 * from them), one for the rows edited since. Nothing is ever written.
 */
export class SheetReader {
  constructor(private readonly run: XlRun, private readonly caps: Capabilities, private readonly reportSheets: () => ReadonlySet<string>) {}

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
}

/** "none", "some" or "all" hidden, from Excel's answer (false / null / true) or from a grid's list over `count` lines. */
function hiddenState(v: boolean | null | readonly number[] | undefined, count = 0): "none" | "some" | "all" {
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.length >= count ? "all" : "some";
  return v === true ? "all" : v === null ? "some" : "none";
}
