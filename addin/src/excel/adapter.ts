import {
  asText, columnLetters, decodeRecord, encodeRecord, planAnnotations, RECORD_SHEET, REPORT_SHEET, SEVERITY_FILL,
  type AnnotationRecord, type Issue, type Lang, type SheetGrid,
} from "../../../shared/index.ts";
import { estimate, RequestBudget, ROWS_PER_WRITE } from "./budget.ts";
import { fromRecordFill, toRecordFill, type OfficeFill } from "./fills.ts";
import { sheetRef, splitAddress, toSheetGrid } from "./grid.ts";
import type { OfficeHost, XlContext, XlNote, XlRange, XlRangeFill, XlRun, XlWorksheet, XlWorksheetCollection } from "./surface.ts";

/** What this Excel can do, decided once from its requirement sets. */
export interface Capabilities {
  /** ExcelApi 1.18: cell notes. Older desktop builds and some web sessions lack them. */
  notes: boolean;
  /** ExcelApi 1.9: fill patterns, which tell "no fill" from a white fill. */
  fillPattern: boolean;
  /** ExcelApi 1.2: getUsedRange(valuesOnly), autofit. */
  valuesOnly: boolean;
  /** ExcelApi 1.7: freeze panes, chart series from any range. */
  freeze: boolean;
  /** ExcelApi 1.9: page layout (orientation, paper, fit to width, print titles). */
  print: boolean;
}

export function capabilities(office: Pick<OfficeHost, "isSetSupported">): Capabilities {
  const has = (v: string) => office.isSetSupported("ExcelApi", v);
  return { notes: has("1.18"), fillPattern: has("1.9"), valuesOnly: has("1.2"), freeze: has("1.7"), print: has("1.9") };
}

export interface SheetInfo { name: string; visibility: string }

export interface SheetSnapshot {
  grid: SheetGrid;
  /** Every sheet, hidden ones included, as of this read: later operations use it to save a sync. */
  sheets: SheetInfo[];
}

export interface AnnotateResult { marked: number; notes: number; reportSheet: string; syncs: number }

/** Sheets the add-in writes itself, never offered for validation. */
export function isOwnSheet(name: string): boolean {
  return name === RECORD_SHEET || name === REPORT_SHEET || name.startsWith(`${REPORT_SHEET} (`);
}

const key = (sheet: string, address: string) => `${sheet}!${address}`;
const hex = (argb: string) => `#${argb.slice(2)}`;
const REPORT_WIDTHS = [70, 110, 50, 140, 420, 300, 110];
const READ_BLOCK_BYTES = 2 * 1024 * 1024;
const LINK_COLOUR = "#0563C1";

/**
 * The add-in's only contact with the workbook. Every method is one Excel.run with a fixed number
 * of syncs: read = 1 (more only for a sheet whose answer Excel on the web refuses as over 5 MB);
 * annotate = 2, or 3 when an earlier annotation must be undone (notes to check); clear = 2–3.
 * Values on the clerk's sheets are only ever read.
 */
export class ExcelAdapter {
  constructor(private readonly run: XlRun, readonly caps: Capabilities) {}

  /**
   * The sheet's used range (values and number formats) and the list of sheets, in one sync. A
   * sheet too large for one answer (Excel on the web refuses responses over 5 MB) is read again
   * in blocks of rows, a few syncs more, instead of failing.
   */
  async readSheet(name?: string): Promise<SheetSnapshot> {
    try {
      return await this.run(async (ctx) => {
        const list = ctx.workbook.worksheets.load("items/name,items/visibility");
        const ws = this.sheetOf(ctx, name);
        ws.load("name");
        const used = this.usedRange(ws).load("address,values,numberFormat");
        await ctx.sync();
        return {
          grid: toSheetGrid(ws.name, used.address, used.values, used.numberFormat),
          sheets: list.items.map((s) => ({ name: s.name, visibility: s.visibility })),
        };
      });
    } catch (e) {
      if ((e as { code?: unknown })?.code !== "ResponsePayloadSizeLimitExceeded") throw e;
      return this.readSheetInBlocks(name);
    }
  }

  private sheetOf(ctx: XlContext, name?: string): XlWorksheet {
    return name ? ctx.workbook.worksheets.getItem(name) : ctx.workbook.worksheets.getActiveWorksheet();
  }

  private usedRange(ws: XlWorksheet): XlRange {
    return this.caps.valuesOnly ? ws.getUsedRange(true) : ws.getUsedRange();
  }

  private async readSheetInBlocks(name?: string): Promise<SheetSnapshot> {
    return this.run(async (ctx) => {
      const list = ctx.workbook.worksheets.load("items/name,items/visibility");
      const ws = this.sheetOf(ctx, name);
      ws.load("name");
      const used = this.usedRange(ws).load("address,rowCount,columnCount");
      await ctx.sync();
      const { sheet, origin } = splitAddress(used.address);
      // A cell's value and format rarely pass 40 bytes in the answer; blocks stay near 2 MB.
      const rowsPerBlock = Math.max(1, Math.floor(READ_BLOCK_BYTES / (40 * used.columnCount)));
      const lastCol = columnLetters(origin.col + used.columnCount - 1);
      const values: unknown[][] = [];
      const formats: unknown[][] = [];
      for (let r = 0; r < used.rowCount; r += rowsPerBlock) {
        const top = origin.row + r + 1;
        const bottom = Math.min(origin.row + used.rowCount, top + rowsPerBlock - 1);
        const block = ws.getRange(`${columnLetters(origin.col)}${top}:${lastCol}${bottom}`).load("values,numberFormat");
        await ctx.sync();
        values.push(...block.values);
        formats.push(...block.numberFormat);
      }
      return {
        grid: toSheetGrid(ws.name || sheet, used.address, values, formats),
        sheets: list.items.map((s) => ({ name: s.name, visibility: s.visibility })),
      };
    });
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.run(async (ctx) => {
      const list = ctx.workbook.worksheets.load("items/name,items/visibility");
      await ctx.sync();
      return list.items.map((s) => ({ name: s.name, visibility: s.visibility }));
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
   * Marks the issues' cells (fill by severity; a note on each primary cell where notes exist),
   * writes the report sheet with a link per issue, and records the clerk's own fills and notes so
   * that `clear` restores them. An earlier annotation is undone in the same pass. `sheets` is the
   * list from the read that found the issues; it saves a sync.
   */
  async annotate(issues: readonly Issue[], lang: Lang, sheets?: SheetInfo[]): Promise<AnnotateResult> {
    const { marks, report } = planAnnotations(issues, lang);
    return this.run(async (ctx) => {
      let syncs = 0;
      const sync = async () => { await ctx.sync(); syncs++; };
      const books = ctx.workbook.worksheets;
      const list = sheets ?? await listSheets(books, sync);
      const names = new Set(list.map((s) => s.name));
      const wsCache = new Map<string, XlWorksheet>();
      const ws = (name: string) => { let w = wsCache.get(name); if (!w) { w = books.getItem(name); wsCache.set(name, w); } return w; };

      // Sync 1: the old record, and each marked cell's own fill and note.
      const recordRange = names.has(RECORD_SHEET) ? ws(RECORD_SHEET).getUsedRange().load("values") : null;
      const live = marks.filter((m) => names.has(m.sheet));
      const cells = new Map<string, { sheet: string; address: string; fill?: XlRangeFill; note?: XlNote }>();
      const probe = (sheet: string, address: string) => {
        const c = { sheet, address, fill: ws(sheet).getRange(address).format.fill.load(this.caps.fillPattern ? "color,pattern" : "color"),
          note: this.caps.notes ? ws(sheet).notes.getItemOrNullObject(address).load("content") : undefined };
        cells.set(key(sheet, address), c);
      };
      for (const m of live) probe(m.sheet, m.address);
      await sync();

      const old = recordRange ? decodeRecord(recordRange.values.map((r) => r[0])) : null;
      const originals = new Map<string, AnnotationRecord["cells"][number]>();
      for (const c of old?.cells ?? []) originals.set(key(c.sheet, c.address), c);
      // Sync 2, only when re-annotating with notes: the note state of cells no longer marked.
      const stale = [...originals.values()].filter((c) => !cells.has(key(c.sheet, c.address)) && names.has(c.sheet));
      if (this.caps.notes && stale.length) {
        for (const c of stale) probe(c.sheet, c.address);
        await sync();
      } else {
        // Without notes there is nothing to look at: their fills are simply put back.
        for (const c of stale) cells.set(key(c.sheet, c.address), { sheet: c.sheet, address: c.address });
      }

      // Sync 3: the writes.
      const budget = new RequestBudget(ctx);
      const record: AnnotationRecord = { version: 1, createdAt: new Date().toISOString(), cells: [], reportSheetCreated: true, reportSheet: REPORT_SHEET };
      const markByKey = new Map(live.map((m) => [key(m.sheet, m.address), m]));
      let notes = 0;
      for (const [k, c] of cells) {
        const mark = markByKey.get(k);
        const original = originals.get(k) ?? (mark ? {
          sheet: c.sheet, address: c.address,
          fill: toRecordFill(c.fill!.color, this.caps.fillPattern ? c.fill!.pattern : null),
          note: c.note && !c.note.isNullObject ? c.note.content : null,
        } : null);
        if (!original) continue;
        await budget.room(400);
        const fill = ws(c.sheet).getRange(c.address).format.fill;
        if (mark) {
          if (this.caps.fillPattern) fill.pattern = "Solid";
          fill.color = hex(SEVERITY_FILL[mark.severity]);
          record.cells.push(original);
        } else {
          this.restoreFill(fill, fromRecordFill(original.fill));
        }
        budget.add(c.address);
        if (c.note) {
          const want = mark?.note ? mark.note : original.note;
          const exists = !c.note.isNullObject;
          if (want === null) { if (exists) c.note.delete(); }
          else if (!exists) ws(c.sheet).notes.add(c.address, want);
          else if (c.note.content !== want) c.note.content = want;
          if (mark?.note) notes++;
          budget.add(want);
        }
      }

      // The report sheet: replace ours, never a sheet of the clerk's that happens to share the name.
      const oldReport = old?.reportSheetCreated ? old.reportSheet ?? REPORT_SHEET : null;
      if (oldReport && names.has(oldReport)) { ws(oldReport).delete(); names.delete(oldReport); }
      let reportName = REPORT_SHEET;
      for (let k = 2; names.has(reportName); k++) reportName = `${REPORT_SHEET} (${k})`;
      record.reportSheet = reportName;
      const rs = books.add(reportName);
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

      this.writeRecord(ctx, names.has(RECORD_SHEET) ? ws(RECORD_SHEET) : null, record, budget);
      await sync();
      return { marked: record.cells.length, notes, reportSheet: reportName, syncs: syncs + budget.extraSyncs };
    });
  }

  /** Removes what annotate added and restores the clerk's fills and notes; false when there was nothing. */
  async clear(sheets?: SheetInfo[]): Promise<{ cleared: boolean; syncs: number }> {
    return this.run(async (ctx) => {
      let syncs = 0;
      const sync = async () => { await ctx.sync(); syncs++; };
      const books = ctx.workbook.worksheets;
      const list = sheets ?? await listSheets(books, sync);
      const names = new Set(list.map((s) => s.name));
      if (!names.has(RECORD_SHEET)) return { cleared: false, syncs };
      const recordSheet = books.getItem(RECORD_SHEET);
      const range = recordSheet.getUsedRange().load("values");
      await sync();
      const record = decodeRecord(range.values.map((r) => r[0]));
      const cells = (record?.cells ?? []).filter((c) => names.has(c.sheet));
      const notes = new Map<string, XlNote>();
      if (this.caps.notes && cells.length) {
        for (const c of cells) notes.set(key(c.sheet, c.address), books.getItem(c.sheet).notes.getItemOrNullObject(c.address).load("content"));
        await sync();
      }
      const budget = new RequestBudget(ctx);
      for (const c of cells) {
        await budget.room(400);
        this.restoreFill(books.getItem(c.sheet).getRange(c.address).format.fill, fromRecordFill(c.fill));
        const note = notes.get(key(c.sheet, c.address));
        if (note) {
          if (c.note === null) { if (!note.isNullObject) note.delete(); }
          else if (note.isNullObject) books.getItem(c.sheet).notes.add(c.address, c.note);
          else if (note.content !== c.note) note.content = c.note;
        }
        budget.add(c);
      }
      const report = record?.reportSheetCreated ? record.reportSheet ?? REPORT_SHEET : null;
      if (report && names.has(report)) books.getItem(report).delete();
      recordSheet.delete();
      await sync();
      return { cleared: true, syncs: syncs + budget.extraSyncs };
    });
  }

  private restoreFill(fill: XlRangeFill, original: OfficeFill | null): void {
    if (!original) { fill.clear(); return; }
    if (this.caps.fillPattern) fill.pattern = original.pattern;
    fill.color = original.color;
  }

  /** The record goes into column A of a very hidden sheet, as text (chunks may start with "-" or digits). */
  private writeRecord(ctx: XlContext, existing: XlWorksheet | null, record: AnnotationRecord, budget: RequestBudget): void {
    const chunks = encodeRecord(record).map((c) => [asText(c)]);
    const sheet = existing ?? ctx.workbook.worksheets.add(RECORD_SHEET);
    if (existing) sheet.getRange("A:A").clear();
    const target = sheet.getRange(`A1:A${chunks.length}`);
    target.numberFormat = chunks.map(() => ["@"]);
    target.values = chunks;
    sheet.visibility = "VeryHidden";
    budget.add(chunks);
  }
}

/** The workbook's sheets, when the caller has no list from an earlier read: one sync. */
async function listSheets(books: XlWorksheetCollection, sync: () => Promise<void>): Promise<SheetInfo[]> {
  books.load("items/name,items/visibility");
  await sync();
  return books.items.map((s) => ({ name: s.name, visibility: s.visibility }));
}
