import type ExcelJS from "exceljs";
import {
  decodeRecord, encodeRecord, planAnnotations, withoutTextMark, RECORD_SHEET, REPORT_SHEET, SEVERITY_FILL,
  type AnnotationRecord, type Issue, type Lang,
} from "../shared/index.ts";
import { planPrint } from "../shared/report/print-plan.ts";

type Fill = ExcelJS.Fill;
/** exceljs keeps a loaded note twice: on the cell and inside its value's model. */
type CellWithComment = ExcelJS.Cell & { _comment?: unknown; _value?: { model?: { comment?: unknown } } };

function noteText(note: ExcelJS.Cell["note"]): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

// Cell styles can be shared between cells after loading, so a change replaces the style object
// instead of mutating it.
function setFill(cell: ExcelJS.Cell, fill: Fill | null): void {
  const { fill: _old, ...rest } = cell.style ?? {};
  cell.style = fill ? { ...rest, fill } : rest;
}

function setNote(cell: ExcelJS.Cell, note: string | null): void {
  if (note === null) {
    const c = cell as CellWithComment;
    c._comment = undefined;
    if (c._value?.model) delete c._value.model.comment;
  } else cell.note = note;
}

/** Removes what annotate added, restoring the clerk's fills and notes; false if nothing was there. */
export function clearAnnotations(wb: ExcelJS.Workbook): boolean {
  const recordSheet = wb.getWorksheet(RECORD_SHEET);
  if (!recordSheet) return false;
  const chunks: unknown[] = [];
  recordSheet.getColumn(1).eachCell((c) => chunks.push(c.value));
  const record = decodeRecord(chunks);
  if (record) {
    for (const c of record.cells) {
      const ws = wb.getWorksheet(c.sheet);
      if (!ws) continue;
      const cell = ws.getCell(c.address);
      if (!c.fillKept) setFill(cell, (c.fill as Fill | null) ?? null);
      setNote(cell, c.note);
    }
    if (record.reportSheetCreated) {
      const report = wb.worksheets.find((w) => w.name === record.reportSheet);
      if (report) wb.removeWorksheet(report.id);
    }
  }
  wb.removeWorksheet(recordSheet.id);
  return true;
}

/**
 * Marks problem cells (fill by severity, a note on each primary cell) and writes the report
 * sheet, keeping a record of the original formatting. Values are never written. Annotating an
 * annotated workbook first clears the old annotations, so the result reflects the current issues.
 */
export function annotateWorkbook(wb: ExcelJS.Workbook, issues: readonly Issue[], lang: Lang): { marked: number; reportSheet: string } {
  clearAnnotations(wb);
  const { marks, report } = planAnnotations(issues, lang);
  let reportName = REPORT_SHEET;
  for (let k = 2; wb.getWorksheet(reportName); k++) reportName = `${REPORT_SHEET} (${k})`;
  const record: AnnotationRecord = { version: 1, createdAt: new Date().toISOString(), cells: [], reportSheetCreated: true, reportSheet: reportName };
  for (const m of marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws) continue;
    const cell = ws.getCell(m.address);
    record.cells.push({ sheet: m.sheet, address: m.address, fill: (cell.style?.fill as Fill | undefined) ?? null, note: noteText(cell.note) });
    setFill(cell, { type: "pattern", pattern: "solid", fgColor: { argb: SEVERITY_FILL[m.severity] } });
    if (m.note) setNote(cell, m.note);
  }

  // Printed as every sheet the product writes: A4 landscape at 8 pt or more, the header repeated, page numbers.
  const widths = [11, 16, 8, 12, 22, 70, 50, 16];
  const plan = planPrint({ widths, lead: 0, repeatRows: [0, 0], orientation: "landscape" }, lang);
  const pageSetup: Partial<ExcelJS.PageSetup> = {
    paperSize: 9, orientation: plan.orientation, printTitlesRow: "1:1", margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(plan.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false, scale: plan.scale }),
  };
  const rs = wb.addWorksheet(reportName, { views: [{ state: "frozen", ySplit: 1 }], pageSetup, headerFooter: { oddFooter: plan.footer } });
  rs.columns = widths.map((width) => ({ width }));
  const head = rs.addRow(report.header);
  head.font = { bold: true };
  for (const row of report.rows) {
    // The plan marks formula-like text as Office.js writes text; exceljs would show the mark.
    const r = rs.addRow(row.values.map(withoutTextMark));
    r.getCell(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: SEVERITY_FILL[row.severity] } };
    if (row.link) {
      const sheetRef = `'${row.link.sheet.replace(/'/g, "''")}'`;
      r.getCell(3).value = { text: row.link.address, hyperlink: `#${sheetRef}!${row.link.address}` };
      r.getCell(3).font = { color: { argb: "FF0563C1" }, underline: true };
    }
    r.alignment = { wrapText: true, vertical: "top" };
  }
  rs.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: report.header.length } };

  const hidden = wb.addWorksheet(RECORD_SHEET, { state: "veryHidden" });
  encodeRecord(record).forEach((chunk, i) => { hidden.getCell(i + 1, 1).value = chunk; });
  return { marked: marks.length, reportSheet: reportName };
}
