import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { compileValidator, getCatalog, readSheet, type Issue } from "../../shared/index.ts";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

/**
 * Workbooks in each layout clerks keep, built as real .xlsx files and read back, with planted
 * errors and consistent cells: what must be flagged, what must not, what must be mapped.
 */
const catalog = getCatalog();

async function roundTrip(build: (ws: ExcelJS.Worksheet) => void, name = "Báo cáo") {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet(name));
  const buf = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buf as ArrayBuffer);
  const grid = worksheetGrid(back.getWorksheet(name)!);
  const read = readSheet(grid, { catalog, registry: REGISTRY });
  const issues: Issue[] = [...read.issues, ...compileValidator(catalog)(read.table, { history: read.history })];
  return { read, issues, codes: read.mapping.map((m) => m.indicator) };
}
const errors = (issues: Issue[]) => issues.filter((i) => i.severity === "error");

describe("a one-unit report form with indicators as rows", () => {
  const form = (ws: ExcelJS.Worksheet) => {
    ws.addRow(["ĐẢNG BỘ XÃ SƠN MỸ"]);
    ws.addRow(["BÁO CÁO KẾT QUẢ XÂY DỰNG HỆ THỐNG CHÍNH TRỊ CƠ SỞ NĂM 2023"]);
    ws.addRow([]);
    ws.addRow(["STT", "Chỉ tiêu (Nội dung)", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)"]);
    ws.addRow(["I", "Tổ chức đảng"]);
    ws.addRow([1, "Số chi bộ trực thuộc", "chi bộ", 15]);
    ws.addRow(["-", "Chi bộ đạt TSVM", "chi bộ", 7, 45.5]); // 7/15 = 46,67%: the planted error
    ws.addRow(["+", "Chi bộ thôn", "chi bộ", 9]);
    ws.addRow(["II", "Đảng viên"]);
    ws.addRow([1, "Tổng số đảng viên", "người", 300]);
    ws.addRow(["-", "Trong đó: nữ", "người", 90, 30]); // 90/300 = 30%: consistent
    ws.addRow([2, "Đảng viên HTTNV", "người", 200, 66.67]); // consistent
    ws.addRow([3, "Đảng viên HTXSNV", "người", 40]);
    ws.addRow(["-", "Trong đó: nữ", "người", 12]);
    ws.addRow([]);
    ws.addRow([null, "Người lập biểu", null, "TM. BAN THƯỜNG VỤ"]);
    ws.addRow([null, "Nơi nhận:", null, "BÍ THƯ"]);
    ws.addRow([null, "- Như trên;", null, null]);
  };

  it("is recognised as a form, its rows mapped with their context", async () => {
    const { read, codes } = await roundTrip(form);
    expect(read.kind).toBe("form");
    expect(read.kindReason).toMatch(/chỉ tiêu/);
    expect(read.period).toBe("2023");
    expect(codes).toEqual(expect.arrayContaining([
      "party.cells", "grades.cells.tsvm", "grades.cells.tsvm_rate", "org.villages.with_cell",
      "members.total", "members.women", "members.women_rate", "members.grade.httnv", "members.httnv_rate", "members.grade.htxsnv",
    ]));
    expect(read.units.map((u) => u.unitId)).toEqual(["BTH-HTN-03"]);
  });

  it("flags the rate that no count gives, and nothing on consistent rows, signatures or 'trong đó' lines", async () => {
    const { issues } = await roundTrip(form);
    const errs = errors(issues);
    expect(errs.map((e) => [e.rule, e.cells[0]])).toEqual([["rate_mismatch", "E7"]]);
    expect(issues.some((i) => i.rule === "unit_duplicate" || i.rule === "unit_unknown" || i.rule === "unit_blank")).toBe(false);
    expect(issues.some((i) => i.cells.some((c) => /^[A-E]1[5-8]$/.test(c)))).toBe(false);
  });

  it("with two period columns, reads this period's and keeps the other as history", async () => {
    const { read, issues } = await roundTrip((ws) => {
      ws.addRow(["BÁO CÁO 6 THÁNG ĐẦU NĂM 2024"]);
      ws.addRow(["STT", "Nội dung", "Kỳ trước", "Kỳ này"]);
      ws.addRow([1, "Số chi bộ trực thuộc", 14, 15]);
      ws.addRow([2, "Chi bộ đạt TSVM", 16, 7]); // the earlier period's 16 > 15 must not count
      ws.addRow([3, "Tổng số đảng viên", 290, 300]);
    });
    expect(read.kind).toBe("form");
    expect(read.period).toBe("2024-H1");
    expect(read.table.values.get("grades.cells.tsvm")?.[0]).toBe(7);
    expect(read.table.values.get("party.cells")?.[0]).toBe(15);
    expect(read.earlier.map((m) => m.indicator)).toContain("grades.cells.tsvm");
    expect(errors(issues)).toEqual([]);
  });
});

describe("indicators down the side, one column per commune", () => {
  const communes = ["Xã Sơn Mỹ", "TT Tân Minh", "TT Tân Nghĩa", "Xã Tân Đức"];
  const transposed = (ws: ExcelJS.Worksheet) => {
    ws.addRow(["HUYỆN ỦY HÀM TÂN"]);
    ws.addRow(["TỔNG HỢP CHẤT LƯỢNG TỔ CHỨC ĐẢNG NĂM 2014"]);
    ws.addRow(["STT", "Chỉ tiêu", ...communes, "Toàn huyện"]);
    ws.addRow([1, "Số chi bộ trực thuộc", 9, 10, 11, 8, 38]);
    ws.addRow([2, "Chi bộ đạt TSVM", 6, 7, 5, 4, 22]);
    ws.addRow([3, "Tỷ lệ chi bộ đạt TSVM (%)", 66.67, 70, 40.5, 50, 57.89]); // 5/11 = 45,45%, not 40,5
    ws.addRow([4, "Tổng số đảng viên", 150, 200, 180, 120, 640]); // 650, not 640
    ws.addRow([]);
    ws.addRow([null, "Người lập biểu", null, null, "TM. BAN THƯỜNG VỤ"]);
  };

  it("reads commune names as units, not as indicators, and sums across, not down", async () => {
    const { read, codes } = await roundTrip(transposed);
    expect(read.kind).toBe("transposed");
    expect(codes).toEqual(["party.cells", "grades.cells.tsvm", "grades.cells.tsvm_rate", "members.total"]);
    expect(read.units.map((u) => [u.unitId, u.isTotal])).toEqual([["BTH-HTN-03", false], ["BTH-HTN-01", false], ["BTH-HTN-02", false], ["BTH-HTN-05", false], [null, true]]);
  });

  it("flags the wrong rate in its commune's column and the total column, nothing else", async () => {
    const { issues } = await roundTrip(transposed);
    const errs = errors(issues).map((e) => [e.rule, e.cells[0]]);
    expect(errs).toContainEqual(["rate_mismatch", "E6"]);
    expect(errs).toContainEqual(["total_row", "G7"]);
    expect(errs.filter(([, c]) => c !== "E6" && c !== "G7")).toEqual([]);
  });
});

describe("units × indicators with context, periods and hidden columns", () => {
  it("maps group headers by their sub-header and catches the rate they hide", async () => {
    const { read, issues } = await roundTrip((ws) => {
      ws.addRow(["Đơn vị", "Tổ chức đảng", null, "Hộ gia đình", null, null, "Đảng viên", null, null]);
      ws.addRow([null, "Tổng số chi bộ", "Chi bộ đạt TSVM", "Tổng số", "Hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Tổng số", "HTTNV", "%"]);
      ws.mergeCells("B1:C1"); ws.mergeCells("D1:F1"); ws.mergeCells("G1:I1"); ws.mergeCells("A1:A2");
      ws.addRow(["Xã Sơn Mỹ", 9, 6, 15, 7, 45.5, 100, 60, 60]); // 7/15 = 46,67%: planted
      ws.addRow(["Xã Tân Đức", 8, 4, 20, 5, 25, 80, 40, 50]);
    });
    expect(read.kind).toBe("units");
    expect(read.mapping.map((m) => [m.column, m.indicator])).toEqual([
      ["B", "party.cells"], ["C", "grades.cells.tsvm"], ["D", "poverty.households"], ["E", "poverty.poor"], ["F", "poverty.poor_rate"],
      ["G", "members.total"], ["H", "members.grade.httnv"], ["I", "members.httnv_rate"],
    ]);
    expect(errors(issues).map((e) => [e.rule, e.cells[0]])).toEqual([["rate_mismatch", "F3"]]);
  });

  it("uses the reporting period's column, the hidden older one only as history, and says what it skipped", async () => {
    const { read, issues } = await roundTrip((ws) => {
      ws.addRow(["BÁO CÁO NĂM 2023"]);
      ws.addRow(["Đơn vị", "Đảng viên", null, "Chi bộ trực thuộc", null]);
      ws.addRow([null, "Năm 2022", "Năm 2023", "Năm 2022", "Năm 2023"]);
      ws.mergeCells("B2:C2"); ws.mergeCells("D2:E2");
      ws.addRow(["Tổng cộng", 250, 270, 20, 19]);
      ws.addRow(["Xã Sơn Mỹ", 100, 110, 12, 10]);
      ws.addRow(["Xã Tân Đức", 150, 160, 8, 9]);
      ws.getColumn(2).hidden = true;
    });
    expect(read.period).toBe("2023");
    expect(read.mapping.map((m) => [m.column, m.indicator])).toEqual([["C", "members.total"], ["E", "party.cells"]]);
    expect(read.earlier.map((m) => [m.column, m.indicator, m.period])).toEqual([["D", "party.cells", "2022"]]);
    expect(read.skipped.columns).toEqual(["B"]);
    expect(issues.find((i) => i.rule === "hidden_skipped")?.message).toMatch(/cột B/);
    expect(errors(issues)).toEqual([]);
  });

  it("asks to confirm a column it is not sure of, with its evidence", async () => {
    const { read } = await roundTrip((ws) => {
      ws.addRow(["Đơn vị", "Tổng số đảng viên", "nữ"]);
      ws.addRow(["Xã Sơn Mỹ", 100, 30]);
      ws.addRow(["Xã Tân Đức", 120, 40]);
    });
    const sure = read.mapping.find((m) => m.column === "B")!;
    expect(sure.confirm).toBe(false);
    expect(sure.evidence?.name).toBe("Tổng số đảng viên");
  });
});

describe("sheets that are not data", () => {
  it("are said to be so, with a reason", async () => {
    const { read } = await roundTrip((ws) => {
      ws.addRow(["Ghi chú"]);
      ws.addRow(["Số liệu lấy từ báo cáo của các đảng bộ xã."]);
      ws.addRow(["Người lập biểu"]);
    }, "Ghi chú");
    expect(read.kind).toBe("none");
    expect(read.kindReason.length).toBeGreaterThan(10);
  });
});
