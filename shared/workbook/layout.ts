import type { CellValue, SheetGrid } from "../model.ts";
import { FORMULA_ERRORS, parseNumberText } from "../parse/number.ts";
import { fold, foldJoined } from "../parse/text.ts";
import { isNumberingCell } from "./labels.ts";

/**
 * Where things are on a sheet clerks made by hand: title rows, a header of one to three rows
 * (merged group headers over sub-headers), an optional column-number row "(1) (2) (3)", the unit
 * column, the data rows and the total rows.
 */
export interface SheetLayout {
  /** 0-based grid rows of the header band, top first. */
  headerRows: number[];
  /** A "(1) (2) (3)" numbering row under the header, if any. */
  numberingRow: number | null;
  unitColumn: number;
  /** 0-based grid column of a serial-number (STT) column, if any. */
  serialColumn: number | null;
  dataRows: number[];
  /** Header text per column, group headers first, parts joined by " | ". */
  headers: string[];
  /** The same, as separate parts (for two-level matching). */
  headerParts: string[][];
}

const UNIT_HEADERS = ["don vi", "ten don vi", "xa", "ten xa", "xa thi tran", "xa phuong thi tran", "xa phuong", "dia ban", "dia phuong", "huyen", "ten huyen", "huyen thi xa thanh pho", "don vi hanh chinh", "co so"];
const SERIAL_HEADERS = ["stt", "tt", "so tt", "so thu tu"];
const TOTAL_WORDS = ["tong cong", "toan huyen", "toan tinh", "cong", "tong so", "tong", "toan thi xa", "toan thanh pho", "cong toan huyen", "tong toan huyen"];
const FOOTER_WORDS = ["nguoi lap", "nguoi lap bieu", "ghi chu", "thu truong", "xac nhan", "ngay thang nam", "tm ban thuong vu", "t m"];

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v.error ?? "");
}

export function isNumericish(v: CellValue): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v !== "string") return false;
  const t = v.trim();
  if (!t || t.length > 40) return false;
  if (FORMULA_ERRORS.has(t.toUpperCase())) return true;
  if (/^[0-9][0-9.\s]*\/[0-9][0-9.\s]*$/.test(t)) return true;
  return parseNumberText(t.replace(/%$/, "")) !== null;
}

function isEmpty(v: CellValue): boolean {
  return cellText(v) === "";
}

/**
 * A name-like cell: text with letters that is not a number, nor the numbering of a row ("I",
 * "II.", "a)" in the STT column: a section's or a subtotal's number, the name is beside it).
 */
function isNameLike(v: CellValue): boolean {
  return typeof v === "string" && /[\p{L}]/u.test(v) && !isNumericish(v) && !isNumberingCell(v);
}

export function isTotalName(name: string): boolean {
  const f = fold(name).replace(/^[ivx0-9]+ /, "");
  return TOTAL_WORDS.some((w) => f === w || f.startsWith(`${w} `));
}

function isFooter(row: CellValue[]): boolean {
  const f = foldJoined(row.slice(0, 4).map(cellText));
  if (!f) return false;
  return FOOTER_WORDS.some((w) => f.startsWith(w));
}

/** "(1) (2) (3)" or "1 2 3 …" under a header: a row of consecutive small integers. */
function isNumberingRow(row: CellValue[]): boolean {
  const nums: number[] = [];
  for (const v of row) {
    const t = cellText(v).replace(/[()]/g, "").trim();
    if (!t) continue;
    if (!/^[0-9]{1,3}$/.test(t)) {
      if (/^[a-z]$/i.test(t) || /^[0-9]{1,3}\s*[=+]/.test(t)) continue;
      return false;
    }
    nums.push(Number(t));
  }
  if (nums.length < 3) return false;
  let ascending = 0;
  for (let i = 1; i < nums.length; i++) if (nums[i]! > nums[i - 1]!) ascending++;
  return ascending >= nums.length - 2 && nums[0]! <= 2;
}

const MAX_SCAN = 40;

export function detectLayout(grid: SheetGrid): SheetLayout | null {
  const V = grid.values;
  const nRows = V.length;
  const nCols = V.reduce((m, r) => Math.max(m, r.length), 0);
  if (nRows === 0 || nCols === 0) return null;

  // First data row: a name-like cell among the first columns and numbers to its right,
  // confirmed by the next non-empty row looking the same (a single stray line is not data).
  const looksLikeData = (r: number): number => {
    const row = V[r] ?? [];
    if (isNumberingRow(row)) return -1;
    for (let c = 0; c < Math.min(4, nCols); c++) {
      if (!isNameLike(row[c])) continue;
      let numeric = 0;
      let filled = 0;
      for (let k = c + 1; k < row.length; k++) {
        if (isEmpty(row[k])) continue;
        filled++;
        if (isNumericish(row[k]) || (typeof row[k] === "string" && fold(cellText(row[k])).length <= 12)) numeric++;
      }
      const strictNumeric = row.slice(c + 1).filter(isNumericish).length;
      if (strictNumeric >= 1 && numeric >= Math.max(1, filled * 0.6)) return c;
    }
    return -1;
  };
  let first = -1;
  let unitCol = -1;
  for (let r = 0; r < Math.min(nRows, MAX_SCAN + 20); r++) {
    const c = looksLikeData(r);
    if (c < 0) continue;
    // Confirmed by one of the next few rows (a unit with no figures or a section heading may
    // stand between two data rows), or by the sheet ending here.
    let confirmed = true;
    for (let next = r + 1, seen = 0; next < nRows && seen < 3; next++) {
      if ((V[next] ?? []).every(isEmpty)) continue;
      seen++;
      confirmed = looksLikeData(next) === c || isTotalName(cellText(V[next]?.[c]));
      if (confirmed) break;
    }
    if (confirmed) {
      first = r;
      unitCol = c;
      break;
    }
  }
  if (first < 0) {
    // No figures yet (a blank form just made from the template): the table is still there when a
    // header names the unit column and names stand under it.
    const blank = blankForm(V, nRows, nCols);
    if (!blank) return null;
    ({ first, unitCol } = blank);
  }

  // Header band: the non-empty rows right above the data (skipping a numbering row), at most
  // three, stopping at a blank row or a title row (one cell of text spanning the sheet).
  let numberingRow: number | null = null;
  let h = first - 1;
  if (h >= 0 && isNumberingRow(V[h] ?? [])) { numberingRow = h; h--; }
  const headerRows: number[] = [];
  while (h >= 0 && headerRows.length < 3) {
    const row = V[h] ?? [];
    const filled = row.filter((v) => !isEmpty(v)).length;
    if (filled === 0) break;
    // A section heading ("I | Các thị trấn") right above the first unit is not a header row.
    if (headerRows.length === 0 && row.every((v, c) => c <= unitCol || isEmpty(v)) && isNameLike(row[unitCol]) && nCols > unitCol + 2) { h--; continue; }
    if (filled === 1 && headerRows.length > 0 && !coveredByMerge(grid, h)) break;
    if (filled === 1 && headerRows.length === 0 && nCols > 2) break;
    headerRows.unshift(h);
    h--;
  }
  if (headerRows.length === 0) return null;

  const headerParts = buildHeaders(grid, headerRows, nCols);
  const headers = headerParts.map((p) => p.join(" | "));

  // The unit column by its header when the header names it; otherwise the data's name column.
  let serialColumn: number | null = null;
  for (let c = 0; c < nCols; c++) {
    const f = fold(headers[c] ?? "");
    if (SERIAL_HEADERS.includes(f)) serialColumn = c;
  }
  for (let c = 0; c < Math.min(nCols, 6); c++) {
    const f = fold(headerParts[c]?.[headerParts[c]!.length - 1] ?? "");
    if (UNIT_HEADERS.includes(f) && c !== serialColumn) { unitCol = c; break; }
  }

  const dataRows: number[] = [];
  let blanks = 0;
  for (let r = first; r < nRows; r++) {
    const row = V[r] ?? [];
    if (row.every(isEmpty)) { if (++blanks >= 3) break; continue; }
    blanks = 0;
    if (isFooter(row)) break;
    const hasValue = row.some((v, c) => c !== unitCol && c !== serialColumn && !isEmpty(v));
    // A row with only a name is a section heading ("I. Các xã") unless it is numbered like the
    // unit rows (a unit with no figures yet).
    const numbered = serialColumn !== null && typeof row[serialColumn] === "number";
    if (!hasValue && !numbered) continue;
    dataRows.push(r);
  }
  return { headerRows, numberingRow, unitColumn: unitCol, serialColumn, dataRows, headers, headerParts };
}

/** The first row under a "Đơn vị" header (and its sub-header rows) that holds a name. */
function blankForm(V: CellValue[][], nRows: number, nCols: number): { first: number; unitCol: number } | null {
  for (let h = 0; h < Math.min(nRows, MAX_SCAN); h++) {
    const row = V[h] ?? [];
    if (row.filter((v) => !isEmpty(v)).length < 3) continue;
    for (let c = 0; c < Math.min(nCols, 6); c++) {
      if (!UNIT_HEADERS.includes(fold(cellText(row[c])))) continue;
      for (let r = h + 1; r < Math.min(nRows, h + 5); r++) {
        const v = V[r]?.[c];
        if (isNameLike(v) && !isTotalName(cellText(v))) return { first: r, unitCol: c };
        if (!isEmpty(v)) break;
      }
    }
  }
  return null;
}

function coveredByMerge(grid: SheetGrid, row: number): boolean {
  return (grid.merges ?? []).some((m) => m.top === row && m.right > m.left);
}

/**
 * Header text per column. Merged areas give their text to every cell they cover. Without merge
 * information (Office.js before ExcelApi 1.13), an empty group-header cell takes the text to its
 * left when the row below has a sub-header there, which is how a merged group reads as values.
 */
function buildHeaders(grid: SheetGrid, headerRows: number[], nCols: number): string[][] {
  const V = grid.values;
  const text: string[][] = headerRows.map((r) => Array.from({ length: nCols }, (_, c) => cellText(V[r]?.[c])));
  const merges = grid.merges ?? [];
  if (merges.length) {
    headerRows.forEach((r, i) => {
      for (const m of merges) {
        if (r < m.top || r > m.bottom) continue;
        const t = cellText(V[m.top]?.[m.left]);
        for (let c = m.left; c <= Math.min(m.right, nCols - 1); c++) {
          // A group header spans its columns; a vertical merge's lower cells stay empty so
          // its text counts once.
          text[i]![c] = r === m.top ? t : "";
        }
      }
    });
  } else {
    for (let i = 0; i < headerRows.length - 1; i++) {
      for (let c = 1; c < nCols; c++) {
        if (text[i]![c] === "" && text[i + 1]![c] !== "" && text[i]![c - 1] !== "" && text[i + 1]![c - 1] !== "") {
          text[i]![c] = text[i]![c - 1]!;
        }
      }
    }
  }
  return Array.from({ length: nCols }, (_, c) => {
    const parts: string[] = [];
    for (let i = 0; i < headerRows.length; i++) {
      const t = text[i]![c]!.replace(/\s+/g, " ").trim();
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    return parts;
  });
}
