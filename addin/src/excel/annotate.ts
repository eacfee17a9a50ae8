import {
  asCellText as asText, columnLetters, decodeRecord, encodeRecord, parseA1, planAnnotations, RECORD_SHEET, REPORT_SHEET, SEVERITY_FILL,
  type AnnotationRecord, type Issue, type Lang,
} from "../../../shared/index.ts";
import { areaLists, groupBy } from "./areas.ts";
import { estimate, jsonBytes, REQUEST_BUDGET, RequestBudget, RESPONSE_BUDGET, ROWS_PER_WRITE, wire } from "./budget.ts";
import type { Capabilities } from "./capabilities.ts";
import { AdapterError } from "./errors.ts";
import { loadStructureProtection } from "./structure.ts";
import { printPlan } from "./sheet-setup.ts";
import { planPrint } from "../../../shared/report/print-plan.ts";
import { fromRecordFill, isGradient, toRecordFill, type OfficeFill } from "./fills.ts";
import { sheetRef } from "./grid.ts";
import { anchorCells, relocate } from "./record-anchors.ts";
import { listSheets, sameName, SheetNames, type SheetInfo } from "./sheet-list.ts";
import type { XlCellFill, XlNote, XlRangeFill, XlResult, XlRun, XlWorksheet, XlWorksheetCollection } from "./surface.ts";

export interface AnnotateResult {
  marked: number;
  notes: number;
  reportSheet: string;
  syncs: number;
  /** Cells with a gradient fill, which Office.js cannot write back: left unfilled, listed in the report. */
  keptFills: string[];
  /** Primary cells holding a threaded comment: no note added (a cell cannot hold both). */
  commented: string[];
  /**
   * Marked sheets that are protected, and what their protection let the add-in do: fills need
   * "Format cells" allowed, notes "Edit objects" (unlocked cells do not help: Excel refuses to
   * format any cell of a protected sheet without that permission). Issues on a sheet that could
   * not be filled are only in the report sheet.
   */
  protectedSheets: { sheet: string; fills: boolean; notes: boolean }[];
}

/** What a protected sheet allows the marks; an unprotected sheet allows both. */
interface MarkAccess { fills: boolean; notes: boolean }

export interface ClearResult {
  cleared: boolean;
  syncs: number;
  /** Cells whose fill could not be put back exactly (a white fill read without ExcelApi 1.9 comes back as none). */
  approximate: number;
}

const key = (sheet: string, address: string) => `${sheet.toLocaleUpperCase()}!${address}`;
const hex = (argb: string) => `#${argb.slice(2)}`;
const REPORT_WIDTHS = [70, 110, 50, 80, 140, 420, 300, 110];
const LINK_COLOUR = "#0563C1";
/** Bytes a cell's fill takes in a getCellProperties answer. */
const FILL_BYTES_PER_CELL = 64;
/** Marked rows further apart than this are read in separate blocks. */
const ROW_GAP = 64;

type RecordCell = AnnotationRecord["cells"][number];
interface Probe { sheet: string; address: string; fill: () => { color: string | null; pattern: string | null | undefined }; note?: XlNote }

/**
 * Marking issues on the clerk's sheets and taking the marks off again: annotate = 3 syncs (what
 * is there; the restore record, on its own; the marks and the report), clear = 2–3. Only fills,
 * notes and the add-in's own sheets are written, never a value on the clerk's sheets.
 */
export class Annotator {
  constructor(private readonly run: XlRun, private readonly caps: Capabilities, private readonly reportSheets: () => ReadonlySet<string>) {}

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
      const recordRange = hasRecord ? ws(RECORD_SHEET).getUsedRange().load("values,formulas,rowCount") : null;
      const candidates = marks.filter((m) => names.has(m.sheet) && parseA1(m.address));
      const markedSheets = [...new Set(candidates.map((m) => m.sheet))];
      const protection = markedSheets.map((s) => ({ sheet: s, p: ws(s).protection.load("protected,options") }));
      const structure = loadStructureProtection(ctx, this.caps);
      const comments = this.caps.comments && this.caps.notes ? markedSheets.map((s) => ({ sheet: s, c: ws(s).comments.load("items") })) : [];
      const probes = new Map<string, Probe>();
      await this.probe(ws, candidates.filter((m) => !unchanged(m)), probes, budget);
      await sync(); budget.reset();

      // The report and record sheets are added and deleted: a protected structure refuses before anything is written.
      if (structure?.protected) throw new AdapterError("structureProtected");
      const guarded = protection.filter((x) => x.p.protected).map((x) => ({ sheet: x.sheet, fills: x.p.options.allowFormatCells === true, notes: x.p.options.allowEditObjects === true }));
      const access = (sheet: string): MarkAccess => guarded.find((g) => sameName(g.sheet, sheet)) ?? { fills: true, notes: true };
      // Where nothing at all can be marked, nothing is written and the sheet is named.
      const blocked = guarded.find((g) => !g.fills);
      if (blocked && candidates.every((m) => !access(m.sheet).fills)) throw new AdapterError("protected", blocked.sheet);
      const live = candidates.filter((m) => access(m.sheet).fills);
      const old = recordRange ? decodeRecord(recordRange.values.map((r) => r[0])) : null;
      // Rows deleted or inserted since the marks went on: the record's cells where they are now.
      const where = old ? relocate(old.cells, recordRange!.formulas) : { cells: [], moved: false };
      // The marks the sheet shows moved with their rows: "unchanged" by address means nothing now.
      if (where.moved && previous) return null;
      const originals = new Map<string, RecordCell>();
      for (const c of where.cells) originals.set(key(c.sheet, c.address), c);
      // A cell we did not read must be in the record; if it is not (the record is gone), mark everything afresh.
      if (live.some((m) => unchanged(m) && !originals.has(key(m.sheet, m.address)))) return null;
      const markKeys = new Set(live.map((m) => key(m.sheet, m.address)));
      const leftOver = [...originals.values()].filter((c) => !markKeys.has(key(c.sheet, c.address)) && names.has(c.sheet));
      // An old mark on a sheet protected since cannot be taken off now: it stays in the record for Clear.
      const restorable = (c: RecordCell) => access(c.sheet).fills && access(c.sheet).notes;
      const stale = leftOver.filter(restorable);
      const held = leftOver.filter((c) => !restorable(c));

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
      const record: AnnotationRecord = { version: 1, createdAt: new Date().toISOString(), cells: [...cells, ...stale, ...held], reportSheetCreated: true, reportSheet: reportName };

      // The record goes out in one action (so a failure leaves the old one or the new one): it must
      // fit one request, with room to spare. Too many marks are refused before anything is written.
      if (jsonBytes(encodeRecord(record)) + jsonBytes(anchorCells(record.cells, 0)) + wire(4, 5) > REQUEST_BUDGET) throw new AdapterError("tooManyMarks", undefined, cells.length);

      // Sync 2: the record alone (stale cells stay in it until they are restored), and what sync 3 needs to know.
      const recordSheet = hasRecord ? ws(RECORD_SHEET) : books.add(RECORD_SHEET);
      this.writeRecord(recordSheet, record, recordRange?.rowCount ?? 0, true);
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
        if (!access(m.sheet).notes) continue;
        const k = key(m.sheet, m.address);
        if (unchanged(m)) { if (m.note) { if (withComment.has(k)) commented.push(`${m.sheet}!${m.address}`); else notes++; } continue; }
        const want = m.note ? m.note : cells[i]!.note;
        if (withComment.has(k)) { if (m.note) commented.push(`${m.sheet}!${m.address}`); continue; }
        await this.putNote(ws, m.sheet, m.address, probes.get(k)?.note, want, budget);
        if (m.note) notes++;
      }
      await this.writeReport(books, names, old, reportName, report, budget, list, lang);
      // The record now holds the marked cells, and old marks a protection keeps on the sheet.
      this.writeRecord(recordSheet, { ...record, cells: [...cells, ...held] }, encodeRecord(record).length);
      await sync();
      return { marked: cells.length, notes, reportSheet: reportName, syncs: syncs + budget.extraSyncs, keptFills: kept, commented, protectedSheets: guarded };
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
    report: ReturnType<typeof planAnnotations>["report"], budget: RequestBudget, list: readonly SheetInfo[], lang: Lang,
  ): Promise<void> {
    // Replace ours, never a sheet of the clerk's that happens to share the name.
    const oldReport = old?.reportSheetCreated ? old.reportSheet ?? REPORT_SHEET : null;
    // Excel keeps one visible sheet: when the clerk hid every other, ours is emptied and reused, not deleted.
    const alone = !!oldReport && names.has(oldReport) && onlyVisible(list, oldReport);
    if (oldReport && names.has(oldReport) && !alone) { books.getItem(oldReport).delete(); names.delete(oldReport); }
    const rs = alone && oldReport ? books.getItem(oldReport) : books.add(reportName);
    if (alone && oldReport) {
      rs.getRange().clear();
      if (!sameName(oldReport, reportName)) rs.name = reportName;
    }
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
    // Printed as every sheet the product writes: A4 landscape at 8 pt or more, the header repeated, page numbers.
    if (this.caps.print) {
      printPlan(rs, planPrint({ widths: REPORT_WIDTHS.slice(0, cols).map((w) => w / 5.3), lead: 0, repeatRows: [0, 0], orientation: "landscape" }, lang), [0, 0], "Landscape");
      budget.addBytes(wire(8, 10, REPORT_WIDTHS));
    }
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
      const range = recordSheet.getUsedRange().load("values,formulas");
      const structure = loadStructureProtection(ctx, this.caps);
      await sync();
      if (structure?.protected) throw new AdapterError("structureProtected");
      const record = decodeRecord(range.values.map((r) => r[0]));
      // Where the recorded cells are now: rows deleted since the marking took their marks with them.
      const cells = relocate(record?.cells ?? [], range.formulas).cells.filter((c) => names.has(c.sheet) && parseA1(c.address));
      const touched = [...new Set(cells.map((c) => c.sheet))];
      const protection = touched.map((s) => ({ sheet: s, p: ws(s).protection.load("protected,options") }));
      const notes = new Map<string, XlNote>();
      if (this.caps.notes) for (const c of cells) notes.set(key(c.sheet, c.address), ws(c.sheet).notes.getItemOrNullObject(c.address).load("content"));
      if (protection.length || notes.size) await sync();
      // Putting fills back needs "Format cells" allowed; notes that differ from the clerk's, "Edit objects".
      const noteDiffers = (c: RecordCell) => {
        const n = notes.get(key(c.sheet, c.address));
        if (!n) return false;
        return c.note === null ? !n.isNullObject : n.isNullObject || n.content !== c.note;
      };
      const locked = protection.find((x) => x.p.protected && !(x.p.options.allowFormatCells
        && (x.p.options.allowEditObjects || !cells.some((c) => sameName(c.sheet, x.sheet) && noteDiffers(c)))));
      if (locked) throw new AdapterError("protected", locked.sheet);

      const budget = new RequestBudget(ctx);
      const approximate = await this.restoreFills(ws, cells, budget);
      for (const c of cells) await this.putNote(ws, c.sheet, c.address, notes.get(key(c.sheet, c.address)), c.note, budget);
      const report = record?.reportSheetCreated ? record.reportSheet ?? REPORT_SHEET : null;
      // Excel keeps one visible sheet: ours is emptied where the clerk hid every other.
      if (report && names.has(report)) { if (onlyVisible(list, report)) ws(report).getRange().clear(); else ws(report).delete(); }
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
  private writeRecord(sheet: XlWorksheet, record: AnnotationRecord, oldRows: number, anchors = false): void {
    const chunks: string[][] = encodeRecord(record).map((c) => [asText(c)]);
    while (chunks.length < oldRows) chunks.push([""]);
    const target = sheet.getRange(`A1:A${chunks.length}`);
    target.numberFormat = chunks.map(() => ["@"]);
    target.values = chunks;
    if (!anchors) return;
    // Each marked row's anchor (record-anchors.ts), so the marks can be found after rows move.
    const { formulas, origins } = anchorCells(record.cells, oldRows);
    if (!formulas.length) return;
    sheet.getRange(`B1:B${formulas.length}`).formulas = formulas;
    const origin = sheet.getRange(`C1:C${origins.length}`);
    origin.numberFormat = origins.map(() => ["@"]);
    origin.values = origins;
  }
}

/** Whether `name` is the workbook's one visible sheet. */
function onlyVisible(list: readonly SheetInfo[], name: string): boolean {
  const visible = list.filter((s) => s.visibility === "Visible");
  return visible.length === 1 && sameName(visible[0]!.name, name);
}

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
