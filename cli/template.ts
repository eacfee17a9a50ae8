import ExcelJS from "exceljs";
import { columnLetters, getCatalog, prefixedName, type Indicator, type OrgUnit } from "../shared/index.ts";

const TYPE_TEXT: Record<Indicator["type"], string> = { count: "số đếm (số nguyên ≥ 0)", percent: "tỷ lệ %", yesno: "có/không (x hoặc để trống)", grade: "mức xếp loại", number: "số" };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const DERIVED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };

function explain(ind: Indicator, byCode: (c: string) => string): string {
  const lines = [`${ind.label.vi}`, `(${ind.label.en})`, `Mã: ${ind.code}`, `Kiểu: ${TYPE_TEXT[ind.type]}${ind.measureUnit ? `, đơn vị tính: ${ind.measureUnit.vi}` : ""}`];
  if (ind.kind === "ratio") lines.push(`Công thức: (${ind.numerator!.map(byCode).join(" + ")}) / (${ind.denominator!.map(byCode).join(" + ")}) × 100`);
  if (ind.kind === "sum") lines.push(`Bằng tổng: ${ind.of!.map(byCode).join(" + ")}`);
  if (ind.classes) lines.push(`Các mức: ${ind.classes.map((c) => c.label.vi).join("; ")}`);
  if (ind.required) lines.push("Chỉ tiêu bắt buộc.");
  return lines.join("\n");
}

/**
 * A blank standard workbook built from the catalog: one column per indicator (family members
 * under a merged group header), rates as formulas, a total row of SUMs, data validation on every
 * input cell and a note on each header saying what the indicator is.
 */
export function buildTemplate(units: readonly OrgUnit[], title: string): ExcelJS.Workbook {
  const catalog = getCatalog();
  const label = (c: string) => catalog.byCode.get(c)?.label.vi ?? c;
  const wb = new ExcelJS.Workbook();
  wb.creator = "HTCT indicators";
  const ws = wb.addWorksheet("Báo cáo", { views: [{ state: "frozen", xSplit: 2, ySplit: 4 }] });
  ws.getCell("A1").value = "BÁO CÁO CHẤT LƯỢNG HỆ THỐNG CHÍNH TRỊ CƠ SỞ";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = title;
  const H1 = 3, H2 = 4, FIRST = 5;
  const last = FIRST + units.length - 1;
  const totalRow = last + 1;
  ws.getCell(H1, 1).value = "STT";
  ws.getCell(H1, 2).value = "Đơn vị";
  ws.mergeCells(H1, 1, H2, 1);
  ws.mergeCells(H1, 2, H2, 2);
  ws.getColumn(2).width = 24;
  units.forEach((u, i) => {
    ws.getCell(FIRST + i, 1).value = i + 1;
    ws.getCell(FIRST + i, 2).value = prefixedName(u);
  });
  ws.getCell(totalRow, 2).value = "Tổng cộng";
  ws.getRow(totalRow).font = { bold: true };

  // Columns: every indicator except the grade classes' own counts (the grade column carries them).
  const columns = catalog.indicators.filter((i) => !i.fromGrade && !(i.code.endsWith(".graded") && catalog.byCode.get(i.code.slice(0, -7))?.type === "grade"));
  const colOf = new Map<string, number>();
  columns.forEach((ind, k) => colOf.set(ind.code, k + 3));
  const ref = (code: string, row: number) => `${columnLetters(colOf.get(code)! - 1)}${row}`;

  let groupStart = -1;
  let groupKey = "";
  const closeGroup = (endCol: number) => {
    if (groupStart < 0) return;
    if (endCol > groupStart) ws.mergeCells(H1, groupStart, H1, endCol);
    groupStart = -1;
  };
  columns.forEach((ind, k) => {
    const col = k + 3;
    const key = ind.dims ? `${ind.dims.family}.${ind.dims.row}` : "";
    if (key !== groupKey) { closeGroup(col - 1); groupKey = key; }
    const top = ws.getCell(H1, col);
    const sub = ws.getCell(H2, col);
    if (ind.dims) {
      if (groupStart < 0) { groupStart = col; top.value = ind.dims.rowLabel.vi; }
      sub.value = ind.dims.measureLabel.vi;
    } else {
      top.value = ind.label.vi;
      ws.mergeCells(H1, col, H2, col);
    }
    (ind.dims ? sub : top).note = explain(ind, label);
    ws.getColumn(col).width = 14;

    const derivedFormula = (row: number): string | null => {
      if (ind.kind === "ratio" && ind.numerator!.every((c) => colOf.has(c)) && ind.denominator!.every((c) => colOf.has(c))) {
        const num = ind.numerator!.map((c) => ref(c, row)).join("+");
        const den = ind.denominator!.map((c) => ref(c, row)).join("+");
        return `IF(N(${den})>0,(${num})/(${den}),"")`;
      }
      if (ind.kind === "sum" && ind.dims && ind.of!.every((c) => colOf.has(c))) return ind.of!.map((c) => ref(c, row)).join("+");
      return null;
    };
    for (let r = FIRST; r <= totalRow; r++) {
      const cell = ws.getCell(r, col);
      const f = derivedFormula(r);
      if (f) {
        cell.value = { formula: f };
        cell.fill = DERIVED_FILL;
      } else if (r === totalRow) {
        if (ind.type !== "grade" && ind.type !== "percent") cell.value = { formula: `SUM(${ref(ind.code, FIRST)}:${ref(ind.code, last)})` };
      } else {
        cell.dataValidation = validationFor(ind);
      }
      if (ind.kind === "ratio" || ind.type === "percent") cell.numFmt = "0.00%";
    }
  });
  closeGroup(columns.length + 2);
  for (const r of [H1, H2]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
    row.eachCell((c) => { c.fill = HEADER_FILL; c.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } }; });
  }
  ws.getRow(H2).height = 60;

  const list = wb.addWorksheet("Danh mục chỉ tiêu");
  list.columns = [{ header: "Mã", width: 36 }, { header: "Chỉ tiêu", width: 60 }, { header: "Indicator", width: 50 }, { header: "Kiểu", width: 24 }, { header: "Cách tính", width: 60 }];
  list.getRow(1).font = { bold: true };
  for (const ind of catalog.indicators) {
    const how = ind.kind === "ratio" ? `(${ind.numerator!.join(" + ")}) / (${ind.denominator!.join(" + ")}) × 100` : ind.kind === "sum" ? ind.of!.join(" + ") : "nhập";
    list.addRow([ind.code, ind.label.vi, ind.label.en, TYPE_TEXT[ind.type], how]);
  }
  list.addRow([]);
  list.addRow([`Danh mục chỉ tiêu phiên bản ${catalog.version}`]);
  return wb;
}

function validationFor(ind: Indicator): ExcelJS.DataValidation {
  const error = { showErrorMessage: true, errorStyle: "stop" as const, errorTitle: "Giá trị không hợp lệ" };
  switch (ind.type) {
    case "count":
      return { type: "whole", operator: "greaterThanOrEqual", formulae: [0], allowBlank: true, ...error, error: "Nhập số nguyên không âm." };
    case "yesno":
      return { type: "list", formulae: ['"x,có,không"'], allowBlank: true, ...error, error: "Chọn x (có) hoặc để trống." };
    case "grade":
      return { type: "list", formulae: [`"${(ind.classes ?? []).map((c) => c.label.vi.replace(/"/g, "")).join(",").slice(0, 250)}"`], allowBlank: true, ...error, error: "Chọn một mức xếp loại trong danh sách." };
    case "percent":
      return { type: "decimal", operator: "between", formulae: [0, 1], allowBlank: true, ...error, error: "Tỷ lệ từ 0% đến 100%." };
    default:
      return { type: "decimal", operator: "greaterThanOrEqual", formulae: [0], allowBlank: true, ...error, error: "Nhập một số." };
  }
}
