import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { formulaEngine, type FormulaSheet } from "../shared/parse/formula-engine.ts";
import { CliError } from "./errors.ts";

/**
 * Excel 97–2003 (.xls) and OpenDocument (.ods) workbooks, read with SheetJS (Apache-2.0) and
 * handed on as an in-memory exceljs workbook, so validation, the grid the core reads and the
 * annotated copy (written as .xlsx) take one path for every format. Values are the saved
 * results, merged areas, number formats and hidden rows/columns are kept. A formula saved
 * without its result is handed on as a formula with none, so the core computes it (and says so)
 * as it does for an .xlsx: never read as a silent blank.
 */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export type ContainerKind = "xlsx" | "xls" | "ods" | "encrypted" | "unknown";

/** What a file holds, from its bytes: a password-protected .xlsx is an OLE file with an EncryptionInfo stream. */
export function containerKind(buf: Buffer): ContainerKind {
  if (buf.subarray(0, 8).equals(OLE)) {
    // Directory entries are UTF-16LE names; an encrypted OOXML package has these two streams.
    const u16 = (s: string) => Buffer.from(s, "utf16le");
    if (buf.includes(u16("EncryptionInfo")) && buf.includes(u16("EncryptedPackage"))) return "encrypted";
    return "xls";
  }
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    // Entry names are plain text in the zip's directory: an OOXML package has [Content_Types].xml,
    // an ODF one content.xml (its "mimetype" entry is not always first, whatever the spec says).
    if (buf.includes("[Content_Types].xml", 0, "latin1")) return "xlsx";
    if (buf.includes("content.xml", 0, "latin1")) return "ods";
    return "xlsx";
  }
  return "unknown";
}

export function passwordProtected(path: string): CliError {
  return new CliError(
    `Tệp "${path}" được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại.`,
    `"${path}" is password-protected and cannot be read. Open it in Excel, remove the password (File → Info → Protect Workbook) and save it again.`,
    "password-protected",
  );
}

const MAX_CELLS = 5_000_000;

export function readXlsOrOds(buf: Buffer, path: string, kind: "xls" | "ods"): ExcelJS.Workbook {
  let src: XLSX.WorkBook;
  try {
    src = XLSX.read(buf, { type: "buffer", cellFormula: true, cellHTML: false, cellStyles: false, cellNF: true, cellDates: true, dense: true });
  } catch (e) {
    // SheetJS's own words for an encrypted .xls (FILEPASS record); "Unsupported ZIP encryption" is what it says of a damaged container.
    if (/password/i.test(String((e as Error)?.message))) throw passwordProtected(path);
    const what = kind === "xls" ? ".xls" : ".ods";
    throw new CliError(`Tệp "${path}" bị hỏng hoặc không phải tệp ${what}, không đọc được.`, `"${path}" is damaged or not an ${what} workbook and cannot be read.`, "damaged-file");
  }
  const wb = new ExcelJS.Workbook();
  let cells = 0;
  const unsaved = unsavedFormulas(src);
  for (const name of src.SheetNames) {
    const s = src.Sheets[name];
    if (!s) continue;
    const hiddenState = src.Workbook?.Sheets?.find((x) => x.name === name)?.Hidden;
    const ws = wb.addWorksheet(safeSheetName(name, wb), { state: hiddenState === 2 ? "veryHidden" : hiddenState === 1 ? "hidden" : "visible" });
    const dense = denseOf(s);
    for (let r = 0; r < dense.length; r++) {
      const row = dense[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell || cell.t === "z") continue;
        if (++cells > MAX_CELLS) throw new CliError(`Tệp "${path}" có quá nhiều ô (tối đa ${MAX_CELLS.toLocaleString("vi-VN")}).`, `"${path}" has too many cells (at most ${MAX_CELLS.toLocaleString("en-US")}).`, "too-large");
        const target = ws.getCell(r + 1, c + 1);
        target.value = unsaved.has(cell) ? { formula: cell.f!, result: undefined } as unknown as ExcelJS.CellFormulaValue : cellValue(cell);
        if (typeof cell.z === "string" && cell.z !== "General") target.numFmt = cell.z;
      }
    }
    for (const m of s["!merges"] ?? []) {
      if (m.s.r === m.e.r && m.s.c === m.e.c) continue;
      try {
        ws.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
      } catch {
        // Overlapping merges exist in hand-edited files; the first one wins, as in Excel.
      }
    }
    (s["!rows"] ?? []).forEach((ri, r) => {
      if (ri?.hidden) ws.getRow(r + 1).hidden = true;
    });
    (s["!cols"] ?? []).forEach((ci, c) => {
      if (ci?.hidden) ws.getColumn(c + 1).hidden = true;
    });
  }
  return wb;
}

/** No saved value: none at all, or the NaN SheetJS reads for an .ods number cell without office:value. */
const noValue = (cell: XLSX.CellObject) => cell.v === undefined || cell.v === null || (typeof cell.v === "number" && Number.isNaN(cell.v));

type Dense = (XLSX.CellObject | undefined)[][];
const denseOf = (s: XLSX.WorkSheet | undefined): Dense => (s as unknown as { "!data"?: Dense } | undefined)?.["!data"] ?? [];

/**
 * The formula cells of the file that hold no saved result. An .ods cell with a formula and no
 * office:value reads with no value; SheetJS reads an .xlsx one as an error with none. An .xls
 * FORMULA record always holds a result, and a tool that did not compute one writes a blank
 * string there: such a cell is unsaved when its formula computes to something else (a rate's
 * IF(B5=0;"";…) that Excel saved as "" stays as it is) or cannot be computed here.
 */
function unsavedFormulas(src: XLSX.WorkBook): Set<XLSX.CellObject> {
  const out = new Set<XLSX.CellObject>();
  const blank: { sheet: FormulaSheet; r: number; c: number; cell: XLSX.CellObject }[] = [];
  const sheets = new Map<string, FormulaSheet>();
  for (const name of src.SheetNames) {
    const data = denseOf(src.Sheets[name]);
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell?.f) continue;
        if (noValue(cell)) out.add(cell);
        else if (cell.t === "s" && cell.v === "") blank.push({ sheet: sheetOf(name), r, c, cell });
      }
    }
  }
  if (!blank.length) return out;
  const engine = formulaEngine({ sheet: (n) => { const name = src.SheetNames.find((x) => x.toLowerCase() === n.toLowerCase()); return name ? sheetOf(name) : null; } });
  for (const b of blank) {
    const v = engine.valueAt(b.sheet, b.r, b.c, null);
    if (v !== "") out.add(b.cell);
  }
  return out;

  function sheetOf(name: string): FormulaSheet {
    let s = sheets.get(name);
    if (s) return s;
    const data = denseOf(src.Sheets[name]);
    const at = (r: number, c: number) => data[r]?.[c];
    s = {
      key: name,
      value: (r, c) => { const v = at(r, c)?.v; return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : ""; },
      // Cells with a saved result are taken as saved; the others are computed from their formula.
      formula: (r, c) => { const cell = at(r, c); return cell?.f && (noValue(cell) || cell.v === "") ? `=${cell.f}` : null; },
      lastColumn: () => data.reduce((m, row) => Math.max(m, (row?.length ?? 0) - 1), 0),
      lastRow: () => data.length - 1,
    };
    sheets.set(name, s);
    return s;
  }
}

function cellValue(cell: XLSX.CellObject): ExcelJS.CellValue {
  switch (cell.t) {
    case "n":
      return typeof cell.v === "number" ? cell.v : null;
    case "s":
      return typeof cell.v === "string" ? cell.v : null;
    case "b":
      return cell.v === true;
    case "d":
      return cell.v instanceof Date ? cell.v : null;
    case "e":
      return { error: (errorText(cell) ?? "#VALUE!") as ExcelJS.CellErrorValue["error"] };
    default:
      return null;
  }
}

// BIFF error codes, as .xls stores a formula's error result.
const ERRORS: Record<number, string> = { 0x00: "#NULL!", 0x07: "#DIV/0!", 0x0f: "#VALUE!", 0x17: "#REF!", 0x1d: "#NAME?", 0x24: "#NUM!", 0x2a: "#N/A" };

function errorText(cell: XLSX.CellObject): string | undefined {
  if (typeof cell.w === "string" && cell.w.startsWith("#")) return cell.w;
  if (typeof cell.v === "number") return ERRORS[cell.v];
  if (typeof cell.v === "string" && cell.v.startsWith("#")) return cell.v;
  return undefined;
}

/** exceljs refuses names Excel refuses; .ods allows more. Keep the name when it is legal. */
function safeSheetName(name: string, wb: ExcelJS.Workbook): string {
  let n = name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31).trim() || "Sheet";
  for (let i = 2; wb.getWorksheet(n); i++) n = `${n.slice(0, 28)} ${i}`;
  return n;
}
