import type { Issue, Lang, RowPatch, SheetGrid } from "../../../shared/index.ts";
import type { Annotator, AnnotateResult, ClearResult } from "./annotate.ts";
import type { Capabilities } from "./capabilities.ts";
import { SheetReader, type ReadOptions, type SheetSnapshot } from "./read-sheet.ts";
import { infoOf, type SheetInfo } from "./sheet-list.ts";
import type { XlEventHandle, XlRun } from "./surface.ts";
import { writeChosen } from "./write-chosen.ts";

export { capabilities, MIN_EXCEL_API, type Capabilities } from "./capabilities.ts";
export { isOwnSheet, offered, sheetKind, type SheetInfo, type SheetKind } from "./sheet-list.ts";
export type { ReadOptions, SheetSnapshot } from "./read-sheet.ts";
export type { AnnotateResult, ClearResult } from "./annotate.ts";

/**
 * The add-in's only contact with the workbook. Every method is one Excel.run with a small, fixed
 * number of syncs: read = 2 (the size, then values in blocks sized from it); annotate = 3 (what is
 * there; the restore record, on its own; the marks and the report); clear = 2–3. Values on the
 * clerk's sheets are only ever read.
 */
export class ExcelAdapter {
  /** Ids of the report sheets the product wrote in this workbook (the pane sets it from the document's settings). */
  reportSheets: () => ReadonlySet<string> = () => new Set();
  private readonly reader: SheetReader;
  /** The marks' writer, loaded with the first Đánh dấu or Xóa đánh dấu (the first screen reads only). */
  private annotatorP: Promise<Annotator> | null = null;

  constructor(private readonly run: XlRun, readonly caps: Capabilities) {
    this.reader = new SheetReader(run, caps, () => this.reportSheets());
  }

  private annotator(): Promise<Annotator> {
    return (this.annotatorP ??= import("./annotate.ts").then(({ Annotator: A }) => new A(this.run, this.caps, () => this.reportSheets())));
  }

  /**
   * The sheet's used range (values and number formats), the rows and columns hidden in it, and
   * the list of sheets (with `others`, the other sheets' used ranges too). The first sync learns
   * the ranges' sizes; values are then read in blocks of rows chosen from rowCount and
   * columnCount so that no answer passes Excel on the web's 5 MB, nor the desktop's 5 million
   * cells; small blocks of several sheets share a sync. Should Excel refuse a block anyway, the
   * blocks shrink and the read goes on.
   */
  readSheet(name?: string, opts: ReadOptions = {}): Promise<SheetSnapshot> { return this.reader.readSheet(name, opts); }

  /**
   * Only the given rows of a sheet read before (1-based sheet rows, across the grid's columns),
   * in one sync, for checking again after an edit. Null when the used range no longer has the
   * grid's shape (rows or columns added, the table moved): the caller reads the sheet again.
   * The sheet list comes in the same sync, for marking afterwards.
   */
  readRows(grid: SheetGrid, rows: readonly number[]): Promise<{ rows: RowPatch[]; sheets: SheetInfo[] } | null> { return this.reader.readRows(grid, rows); }

  /**
   * Calls `onEdit` whenever the clerk changes the sheet (typing, paste, fill, row deletion, and
   * from ExcelApi 1.11 hiding or showing rows, as change type "RowHidden" / "RowUnhidden"):
   * Excel's own data validation does not run on paste, so the pane checks again. ExcelApi 1.7;
   * false where the host lacks it. One registration per sheet: watching a sheet again first
   * removes its earlier handlers, so repeated checks never pile handlers up; the handler only reports.
   */
  async watch(sheet: string, onEdit: (address: string, changeType: string) => void): Promise<boolean> {
    if (!this.caps.freeze) return false;
    await this.unwatch(sheet);
    const handles = await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const added = [ws.onChanged.add(async (e) => { onEdit(e.address, e.changeType); })];
      // Hiding rows changes what is data without changing a cell: the sheet is read again whole.
      if (this.caps.rowHiddenEvents) added.push(ws.onRowHiddenChanged.add(async (e) => { onEdit(e.address, `Row${e.changeType}`); }));
      await ctx.sync();
      return added;
    });
    this.watches.set(sheet.toLocaleUpperCase(), handles);
    return true;
  }

  /**
   * Removes the handlers `watch` added, for one sheet or all (the pane closing, the clerk moving
   * to another workbook's check). Excel removes a handler only in the context that added it, so
   * each sheet's are removed in a batch run on that context. A sheet deleted meanwhile took its
   * handlers with it: its failure is ignored.
   */
  async unwatch(sheet?: string): Promise<void> {
    const keys = sheet === undefined ? [...this.watches.keys()] : [sheet.toLocaleUpperCase()];
    for (const k of keys) {
      const handles = this.watches.get(k);
      this.watches.delete(k);
      if (!handles?.length) continue;
      await this.run(async (ctx) => {
        for (const h of handles) h.remove();
        await ctx.sync();
      }, handles[0]!.context).catch(() => undefined);
    }
  }

  /** Sheets with handlers registered, by upper-case name. */
  get watchedSheets(): string[] { return [...this.watches.keys()]; }
  private readonly watches = new Map<string, XlEventHandle[]>();

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
   * undone in the same pass. On a protected sheet only what its protection allows is marked (fills with
   * "Format cells", notes with "Edit objects"); when nothing can be marked anywhere, nothing is
   * written and the sheet is named. `sheets` is the
   * list from the read that found the issues; it saves a sync. `previous`, the issues the marks on
   * the sheet show, lets a re-check after an edit leave alone every cell whose mark is the same.
   */
  async annotate(issues: readonly Issue[], lang: Lang, sheets?: SheetInfo[], previous?: readonly Issue[]): Promise<AnnotateResult> { return (await this.annotator()).annotate(issues, lang, sheets, previous); }

  /**
   * Removes what annotate added and restores the clerk's fills and notes; `cleared` is false when
   * there was nothing. The record sheet is very hidden, and Excel refuses to delete a very hidden
   * sheet, so it is made hidden first.
   */
  async clear(sheets?: SheetInfo[]): Promise<ClearResult> { return (await this.annotator()).clear(sheets); }

  /** The server's values the clerk chose in a conflict, into their cells (write-chosen.ts): formulas left, a protected sheet refused. */
  writeChosen(sheet: string, cells: readonly { address: string; value: number | string | null }[]): Promise<{ written: string[]; formulas: string[] }> { return writeChosen(this.run, sheet, cells); }
}
