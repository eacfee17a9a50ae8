import type { Catalog } from "../catalog/catalog.ts";
import type { CellValue, SheetGrid } from "../model.ts";
import { fold, foldJoined } from "../parse/text.ts";
import { cellText, detectLayout, isNumericish, isTotalName, type SheetLayout } from "./layout.ts";
import { isFooterFolded, isFooterText, isNumberingCell, isTitleText, parseRowLabel, valueRole } from "./labels.ts";
import { MIN_CONFIDENCE, matchHeader, mayMatch } from "./mapping.ts";
import { isPeriodPart, relativePeriod } from "./period.ts";

/**
 * What a sheet is, decided before anything is read from it: units down the side and indicators
 * across (the usual table), indicators down the side and one column per unit (transposed), a
 * one-unit form with indicators as rows and a few value columns (số lượng, tỷ lệ, kỳ này…), or
 * not a data sheet at all. The confidence and the reason are shown to the clerk.
 */
export type SheetKind = "units" | "transposed" | "form" | "none";

export interface SheetClass {
  kind: SheetKind;
  confidence: number;
  reason: { vi: string; en: string };
  /** For "units": the table layout. */
  layout?: SheetLayout;
  /** For "transposed" and "form": where the indicator labels and the header are. */
  rows?: RowsLayout;
  /** Decided from the row labels alone (the units × indicators detector was not needed), with the label counts it was decided on. */
  rowsSure?: boolean;
  labelHits?: number;
  labelTexts?: number;
}

export interface RowsLayout {
  /** 0-based grid column of the row labels. */
  labelColumn: number;
  /** 0-based grid row of the column headers (unit names or value-column headers). */
  headerRow: number;
  /** A second header row under it (merged group headers over "Số lượng | Tỷ lệ"), if any. */
  subHeaderRow: number | null;
  /** 0-based rows from the first label row to the last before the footer. */
  bodyRows: number[];
  /** Grid columns right of the labels that hold values (unit columns or value columns). */
  valueColumns: number[];
  /** A "Đơn vị tính" column, if any. */
  unitOfMeasureColumn: number | null;
  /** Header text per value column (sub-header parts joined by " | "). */
  headers: Map<number, string[]>;
  /** The row the body stops at (a footer, the fourth blank row) or the grid's length, and why. */
  bodyEnd?: number;
  bodyEndKind?: "footer" | "blanks" | "end";
  /** The first label row naming an indicator with a figure (the header is looked for above it). */
  firstLabelRow?: number;
}

const MAX_SCAN_ROWS = 400;

export function classifySheet(grid: SheetGrid, catalog: Catalog): SheetClass {
  const V = grid.values;
  const hiddenRows = new Set(grid.hiddenRows ?? []);
  const hiddenCols = new Set(grid.hiddenColumns ?? []);
  const nCols = V.reduce((m, r) => Math.max(m, r.length), 0);
  const none = (vi: string, en: string): SheetClass => ({ kind: "none", confidence: 0.9, reason: { vi, en } });
  if (V.length === 0 || nCols === 0) return none("Trang tính trống.", "The sheet is empty.");

  // The indicator labels, if any: the text column (among the first four) whose cells most often
  // name catalog indicators.
  let labelCol = -1;
  let labelHits = 0;
  let labelTexts = 0;
  let firstLabelRow = -1;
  const scan = Math.min(V.length, MAX_SCAN_ROWS);
  for (let c = 0; c < Math.min(nCols, 4); c++) {
    if (hiddenCols.has(c)) continue;
    let hits = 0, texts = 0, first = -1;
    // The heading above ("II. Hội Liên hiệp Phụ nữ") says what a short label under it is ("Tốt").
    let section: string | undefined;
    for (let r = 0; r < scan; r++) {
      if (hiddenRows.has(r)) continue;
      const k = labelCell(V[r], c, hiddenCols, catalog, section);
      if (k === 0) continue;
      if (k === 1 && !rowHasValue(V[r]!, c, hiddenCols)) section = parseRowLabel(V[r]![c] as string).text;
      texts++;
      if (k === 2) { hits++; if (first < 0) first = r; }
    }
    if (hits > labelHits) { labelHits = hits; labelCol = c; labelTexts = texts; firstLabelRow = first; }
  }
  const labelShare = labelTexts ? labelHits / labelTexts : 0;
  // A sheet with many more indicator rows than it has columns is read as rows whatever its
  // column headers say (no header count can reach it): the units × indicators detector need not run.
  const rowsSure = isRowsSure(labelHits, labelTexts, nCols);
  if (rowsSure && labelCol >= 0) {
    const rows = rowsLayout(grid, labelCol, firstLabelRow, nCols, hiddenRows, hiddenCols);
    if (rows) return { ...rowsClass(rows, labelCol, labelHits, labelTexts, labelShare), rowsSure: true, labelHits, labelTexts };
  }

  const layout = detectLayout(grid);
  let headerHits = 0;
  let headerCount = 0;
  if (layout) {
    for (let c = 0; c < layout.headerParts.length; c++) {
      if (c === layout.unitColumn || c === layout.serialColumn || hiddenCols.has(c)) continue;
      const parts = layout.headerParts[c] ?? [];
      if (!parts.length) continue;
      headerCount++;
      // Commune names across the top ("TT Tân Minh") are units, not the count of townships.
      // ("Tổng số" under a group header is a measure, not the total column; a header that is word
      // for word an indicator's name, "Đảng bộ xã, thị trấn", is that indicator.)
      const leaf = parts[parts.length - 1]!;
      if (isUnitName(leaf) && !mayMatch(parts, catalog, 0.9)) continue;
      const m = matchHeader(parts, catalog);
      if ((isUnitName(leaf) || (parts.length === 1 && isTotalName(leaf))) && m.confidence < 0.9) continue;
      if (m.indicator && m.confidence >= MIN_CONFIDENCE) headerHits++;
    }
  }
  const headerShare = headerCount ? headerHits / headerCount : 0;
  const rowsWin = labelHits >= 3 && labelShare >= 0.4 && (headerHits < 2 || labelHits > headerHits * 1.5 || labelShare > headerShare + 0.25);

  if (rowsWin && labelCol >= 0) {
    const rows = rowsLayout(grid, labelCol, firstLabelRow, nCols, hiddenRows, hiddenCols);
    if (rows) return rowsClass(rows, labelCol, labelHits, labelTexts, labelShare);
  }
  if (layout && (headerHits >= 1 || layout.dataRows.length > 0)) {
    const unitRows = layout.dataRows.filter((r) => !isTotalName(cellText(V[r]?.[layout.unitColumn]))).length;
    const confidence = Math.round(Math.min(0.99, 0.4 + headerShare * 0.6) * 100) / 100;
    return {
      kind: "units", confidence, layout,
      reason: {
        vi: `${headerHits}/${headerCount} tiêu đề cột là tên chỉ tiêu; ${unitRows} dòng đơn vị ở cột ${letters(layout.unitColumn)}${unitRows < layout.dataRows.length ? ` và ${layout.dataRows.length - unitRows} dòng tổng` : ""}.`,
        en: `${headerHits} of ${headerCount} column headers name indicators; ${unitRows} unit row${unitRows === 1 ? "" : "s"} in column ${letters(layout.unitColumn)}${unitRows < layout.dataRows.length ? ` and ${layout.dataRows.length - unitRows} total row${layout.dataRows.length - unitRows === 1 ? "" : "s"}` : ""}.`,
      },
    };
  }
  return none("Không thấy bảng số liệu: không có tiêu đề cột hay dòng nào là tên chỉ tiêu kèm số liệu.", "No data table: neither column headers nor row labels name indicators with figures beside them.");
}

/** Indicator rows that outnumber the columns 1.5 to 1: read as rows whatever the column headers say. */
export function isRowsSure(labelHits: number, labelTexts: number, nCols: number): boolean {
  const labelShare = labelTexts ? labelHits / labelTexts : 0;
  return labelHits >= 3 && labelShare >= 0.4 && (nCols < 2 || labelHits > nCols * 1.5);
}

/** A transposed table or a form, once the label column and the frame are known. */
export function rowsClass(rows: RowsLayout, labelCol: number, labelHits: number, labelTexts: number, labelShare: number): SheetClass {
  const heads = rows.valueColumns.map((c) => rows.headers.get(c) ?? []);
  const formLike = heads.filter((h) => h.length === 0 || h.some((p) => valueRole(p) !== null || isPeriodPart(p) || relativePeriod(p) !== null)).length;
  const named = heads.filter((h) => h.length > 0 && !h.some((p) => valueRole(p) !== null || isPeriodPart(p) || relativePeriod(p) !== null)).length;
  const confidence = Math.round(Math.min(0.99, 0.5 + labelShare / 2) * 100) / 100;
  if (named >= 2 && named > formLike) {
    return {
      kind: "transposed", confidence, rows,
      reason: {
        vi: `${labelHits}/${labelTexts} dòng ở cột ${letters(labelCol)} là tên chỉ tiêu; ${named} cột mang tên đơn vị (bảng chỉ tiêu theo dòng, đơn vị theo cột).`,
        en: `${labelHits} of ${labelTexts} rows in column ${letters(labelCol)} name indicators; ${named} columns carry unit names (indicators down the side, one column per unit).`,
      },
    };
  }
  return {
    kind: "form", confidence, rows,
    reason: {
      vi: `${labelHits}/${labelTexts} dòng ở cột ${letters(labelCol)} là tên chỉ tiêu, ${rows.valueColumns.length} cột số liệu (${heads.map((h) => h.join(" ") || "—").join("; ")}): biểu báo cáo của một đơn vị.`,
      en: `${labelHits} of ${labelTexts} rows in column ${letters(labelCol)} name indicators, ${rows.valueColumns.length} value columns (${heads.map((h) => h.join(" ") || "—").join("; ")}): one unit's report form.`,
    },
  };
}

/**
 * What one cell tells about column c being the label column: nothing (0), a label text (1), or
 * a label naming a catalog indicator with a figure to its right (2), alone or under `section`,
 * the heading row above it.
 */
export function labelCell(row: CellValue[] | undefined, c: number, hiddenCols: ReadonlySet<number>, catalog: Catalog, section?: string): 0 | 1 | 2 {
  const raw = row?.[c];
  if (typeof raw !== "string" || isNumericish(raw) || !/\p{L}/u.test(raw)) return 0;
  if (isFooterText(raw) || isTitleText(raw)) return 0;
  const label = parseRowLabel(raw);
  if (!label.text || label.text.length > 160) return 0;
  // "Xã Tân Minh", "TT Tân Nghĩa" are units, whatever indicator words they contain ("Số xã"),
  // unless the label is word for word an indicator's name ("Đảng bộ xã, thị trấn").
  // The words' bound first (mayMatch): most unit names cannot reach 0.9, and scoring each
  // against the catalog was a tenth of reading a 10,000-commune sheet.
  if (isUnitName(label.text) && (!mayMatch([label.text], catalog, 0.9) || matchHeader([label.text], catalog).confidence < 0.9)) return 0;
  // Only rows that carry a value somewhere to the right count: a header row names
  // indicators too ("Số đảng viên" across the top) but holds no figures.
  if (!rowHasValue(row!, c, hiddenCols)) return 1;
  const m = matchHeader([label.text], catalog);
  if (m.indicator && m.confidence >= MIN_CONFIDENCE) return 2;
  // "Tốt" names nothing alone; under "Tổ chức Hội Liên hiệp Phụ nữ" it is that union's grade, as
  // the reading of the rows (row-labels.ts) takes it.
  if (!section) return 1;
  const s = matchHeader([section, label.text], catalog);
  return s.indicator && s.confidence >= MIN_CONFIDENCE ? 2 : 1;
}

const UNIT_PREFIX = /^(xa|phuong|thi tran|tt|dac khu|huyen|thi xa|thanh pho|tp|tinh|quan|dang bo|chi bo xa|chi bo phuong|chi bo thi tran)\s+\S/;
/** A name of a unit: a unit type followed by a proper name ("Xã Sơn Mỹ", "TT Tân Minh", "Đặc khu mẫu", "Chi bộ thôn mẫu 01"). */
export function isUnitName(text: string): boolean {
  const f = fold(text);
  if (isCellName(f)) return true;
  if (!UNIT_PREFIX.test(f)) return false;
  // "Xã có quy chế dân chủ", "Xã đạt chuẩn" describe communes, they do not name one.
  return !/\b(co|dat|duoc|so|ty le|tong|chua|khong)\b/.test(f.split(" ").slice(1, 3).join(" "));
}

// Words that make "Chi bộ …" a measure of cells ("Chi bộ trực thuộc đạt TSVM", "Chi bộ yếu kém"), not one cell.
const CELL_MEASURE = /\b(dat|truc thuoc|hoan thanh|trong sach|vung manh|yeu|kem|co so|dang bo|khong|xep loai|so|tong|moi|ty le|bi)\b/;
// What a cell is attached to, before its own name: "Chi bộ thôn" alone is the catalog's "villages
// with a cell"; "Chi bộ thôn mẫu 01" is one cell.
const CELL_OF = /^(?:(?:thon|ban|ap|xom|lang|buon|soc|khu pho|to dan pho|khu dan cu|khu|to|truong hoc|truong|tram y te|xa|phuong|thi tran|dac khu)\s*)*/;

/**
 * A party cell's name: "Chi bộ" and a proper name after what it is attached to. Unknown cells of a
 * commune are rows of units (each reported with the closest names), not indicator labels that
 * happen to contain "chi bộ thôn" — which read a table of them as transposed.
 */
function isCellName(folded: string): boolean {
  const m = /^chi bo\s+(.+)$/.exec(folded);
  if (!m || CELL_MEASURE.test(m[1]!)) return false;
  return m[1]!.replace(CELL_OF, "").trim().length > 0;
}

function letters(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function rowHasValue(row: CellValue[], labelCol: number, hiddenCols: ReadonlySet<number>): boolean {
  for (let c = labelCol + 1; c < row.length; c++) if (!hiddenCols.has(c) && isNumericish(row[c])) return true;
  return false;
}

/**
 * The frame of an indicators-as-rows sheet: the header row is the nearest row above the first
 * label row with text right of the labels; value columns are those with a header or with
 * figures in the label rows; the body runs to the footer (signatures, "Nơi nhận").
 */
function rowsLayout(grid: SheetGrid, labelCol: number, firstLabelRow: number, nCols: number, hiddenRows: Set<number>, hiddenCols: Set<number>): RowsLayout | null {
  const V = grid.values;
  let headerRow = -1;
  for (let r = firstLabelRow - 1; r >= 0 && r >= firstLabelRow - 8; r--) {
    const row = V[r] ?? [];
    let texts = 0;
    for (let c = labelCol + 1; c < nCols; c++) if (!hiddenCols.has(c) && cellText(row[c]) && !isNumericish(row[c])) texts++;
    // A years row ("2022 | 2023") is a header too.
    let years = 0;
    for (let c = labelCol + 1; c < nCols; c++) if (/^(19|20)[0-9]{2}$/.test(cellText(row[c]))) years++;
    if (texts + years >= 1 && !isNumberingOnly(row, labelCol)) { headerRow = r; break; }
  }
  if (headerRow < 0) return null;
  // A group header over "Số lượng | Tỷ lệ": the row above the header when it has text over value columns.
  let subHeaderRow: number | null = null;
  let groupRow: number | null = null;
  if (headerRow > 0) {
    if (isGroupHeaderRow(V[headerRow - 1] ?? [], labelCol, nCols)) { groupRow = headerRow - 1; subHeaderRow = headerRow; }
  }
  const topRow = groupRow ?? headerRow;
  const mergeText = (r: number, c: number): string => {
    const t = cellText(V[r]?.[c]);
    if (t) return t;
    for (const m of grid.merges ?? []) if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return cellText(V[m.top]?.[m.left]);
    return "";
  };

  const bodyRows: number[] = [];
  let blanks = 0;
  let bodyEnd = V.length;
  let bodyEndKind: RowsLayout["bodyEndKind"] = "end";
  for (let r = headerRow + 1; r < V.length; r++) {
    const row = V[r] ?? [];
    const cells = row.slice(0, Math.max(4, labelCol + 2)).map(cellText);
    const first = cells.some(Boolean);
    if (!first && row.every((v) => cellText(v) === "")) { if (++blanks >= 4) { bodyEnd = r; bodyEndKind = "blanks"; break; } continue; }
    blanks = 0;
    if (first && isFooterFolded(foldJoined(cells))) { bodyEnd = r; bodyEndKind = "footer"; break; }
    // A "(1) (2) (3)" numbering row under the header is not a label row.
    if (r === headerRow + 1 && isNumberingOnly(row, -1)) continue;
    bodyRows.push(r);
  }

  let unitOfMeasureColumn: number | null = null;
  const headers = new Map<number, string[]>();
  const valueColumns: number[] = [];
  for (let c = labelCol + 1; c < nCols; c++) {
    const parts = [groupRow !== null ? mergeText(groupRow, c) : "", mergeText(headerRow, c)].filter(Boolean);
    const dedup = parts.filter((p, i) => parts.indexOf(p) === i);
    const role = dedup.length ? valueRole(dedup[dedup.length - 1]!) : null;
    if (role === "unit") { unitOfMeasureColumn = c; continue; }
    if (role === "note") continue;
    const hasValues = bodyRows.some((r) => !hiddenRows.has(r) && isNumericish(V[r]?.[c]));
    if (!hasValues && dedup.length === 0) continue;
    if (dedup.length === 1 && fold(dedup[0]!) === "stt") continue;
    headers.set(c, dedup);
    valueColumns.push(c);
  }
  if (valueColumns.length === 0) return null;
  void topRow;
  return { labelColumn: labelCol, headerRow, subHeaderRow, bodyRows, valueColumns, unitOfMeasureColumn, headers, bodyEnd, bodyEndKind, firstLabelRow };
}

/** A row of group headers over the value columns ("Năm 2023" over "Số lượng | Tỷ lệ"), not a title line. */
export function isGroupHeaderRow(above: CellValue[], labelCol: number, nCols: number): boolean {
  let texts = 0;
  for (let c = labelCol + 1; c < nCols; c++) if (cellText(above[c]) && !isNumericish(above[c])) texts++;
  return texts >= 1 && !isTitleLine(above);
}

export function isNumberingOnly(row: CellValue[], labelCol: number): boolean {
  const cells = row.map(cellText).filter(Boolean);
  if (cells.length < 2) return false;
  void labelCol;
  return cells.every((t) => /^\(?[0-9]{1,2}\)?$/.test(t) || /^\([a-z]\)$/i.test(t));
}

function isTitleLine(row: CellValue[]): boolean {
  const cells = row.map(cellText).filter(Boolean);
  return cells.length === 1 && (isTitleText(cells[0]!) || cells[0]!.length > 40);
}


export { isNumberingCell };
