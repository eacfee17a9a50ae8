import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { compileValidator, getCatalog, nameTables, planAnnotations, readSheet, workbookIssues, type Issue, type Lang, type OrgUnit } from "../../shared/index.ts";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { HAM_TAN_COMMUNES, REGISTRY } from "../../seeds/orgunits.ts";
import { twoTier } from "./synthetic-units.ts";

/**
 * What the issue list says, on real .xlsx files read back as the CLI reads them: words that
 * follow the sheet's orientation, lists of names kept short, the table each issue is in on a
 * sheet of several, and "units missing" judged over a sheet's tables together.
 */
const catalog = getCatalog();

async function check(rows: (string | number | null)[][], opts: { lang?: Lang; units?: readonly OrgUnit[] } = {}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Báo cáo");
  for (const r of rows) ws.addRow(r);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const lang = opts.lang ?? "vi";
  const read = readSheet(worksheetGrid(back.getWorksheet("Báo cáo")!), { catalog, lang, ...(opts.units ? { units: [...opts.units] } : { registry: REGISTRY }) });
  const found = compileValidator(catalog, { lang })(read.table, { history: read.history });
  const issues: Issue[] = nameTables([read], workbookIssues([{ table: read.table, issues: [...read.issues, ...found] }], lang), lang);
  return { read, issues, of: (rule: string) => issues.filter((i) => i.rule === rule) };
}

const communes = ["Xã Sơn Mỹ", "Xã Tân Hà", "Xã Tân Minh", "Xã Tân Đức"];
const transposed = [
  ["HUYỆN ỦY HÀM TÂN"], ["TỔNG HỢP CHẤT LƯỢNG TỔ CHỨC ĐẢNG NĂM 2014"],
  ["STT", "Chỉ tiêu", ...communes, "Toàn huyện"],
  [1, "Số chi bộ trực thuộc", 9, 10, 11, 8, 38],
  [2, "Chi bộ đạt TSVM", "6", "7", 5, 4, 22], // two counts typed as text, on row 5
  [3, "Số con mèo nuôi", 1, 2, 3, 4, 10], // no indicator: row 6
  [4, "Tổng số đảng viên", 150, 200, 180, 120, 640], // 650, not 640: the total column disagrees
  [5, "Thôn có chi bộ", 8, 9, 10, 7, 34], // needs the villages, which the sheet leaves out: row 9
];
const form = [
  ["ĐẢNG BỘ XÃ SƠN MỸ"], ["BÁO CÁO KẾT QUẢ XÂY DỰNG HỆ THỐNG CHÍNH TRỊ CƠ SỞ NĂM 2023"], [],
  ["STT", "Chỉ tiêu (Nội dung)", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)"],
  [1, "Số chi bộ trực thuộc", "chi bộ", 15],
  ["-", "Chi bộ đạt TSVM", "chi bộ", "7", 46.67], // typed as text, row 6
  [2, "Số con mèo nuôi", "con", 4], // no indicator: row 7
  [3, "Tổng số đảng viên", "người", 300],
];

describe("words follow the orientation", () => {
  it("a transposed table names an indicator's row and a unit's column", async () => {
    const { of, issues } = await check(transposed);
    expect(of("unmapped_column")[0]!.message).toMatch(/^Dòng 6 \("Số con mèo nuôi"\)/);
    expect(of("text_number")[0]!.message).toMatch(/^Dòng 5 /);
    expect(of("total_row")[0]!.message).toMatch(/^Cột "Toàn huyện"/);
    expect(of("unit_missing")[0]!.hint).toMatch(/Thêm cột/);
    expect(of("required_missing")[0]!.message).toMatch(/dòng chỉ tiêu bắt buộc/);
    expect(issues.filter((i) => /\bCột [0-9]/i.test(i.message) || /\bcột chỉ tiêu/.test(i.message))).toEqual([]);
  });

  it("a figure that is not a number, and the total column it throws off, is said of the column", async () => {
    const rows = transposed.map((r) => [...r]);
    rows[3]![2] = "chín"; // Sơn Mỹ's count of cells, as a word: the total column cannot add up
    const { of } = await check(rows);
    const [bad] = of("invalid_value");
    expect(bad!.cells[0]).toBe("C4");
    expect(bad!.message).toMatch(/Vì vậy cột tổng "Toàn huyện" cũng không khớp \(ô G4\)\.$/);
  });

  it("says 'row' in English too", async () => {
    const { of } = await check(transposed, { lang: "en" });
    expect(of("unmapped_column")[0]!.message).toMatch(/^Row 6 /);
    expect(of("total_row")[0]!.message).toMatch(/^Column "Toàn huyện"/);
  });

  it("a one-unit form names the indicator's row, never its cell as a column", async () => {
    const { of, issues } = await check(form);
    expect(of("unmapped_column")[0]!.message).toMatch(/^Dòng 7 /);
    expect(of("text_number")[0]!.message).toMatch(/^Dòng 6 .*từ ô D6/);
    expect(issues.filter((i) => /\bCột /.test(i.message))).toEqual([]);
  });

  it("hints, and the report's kinds of problem, follow it too: a unit's column, a total column, a column of figures with no unit's name", async () => {
    const rows: (string | number | null)[][] = transposed.map((r) => [...r]);
    rows[2] = ["STT", "Chỉ tiêu", "Xã Sơn Mỹ", "Xã Tân Hà", "Xã Tân Hà", null, "Toàn huyện"]; // a unit twice, one unnamed
    const { of, issues } = await check(rows);
    expect(of("unit_duplicate")[0]!.hint).toBe("Mỗi đơn vị chỉ có một cột; xóa hoặc gộp cột trùng.");
    const [blank] = of("unit_blank");
    expect(blank!.cells).toEqual(["F3"]);
    expect(blank!.message).toBe("Cột F có số liệu nhưng không có tên đơn vị.");
    expect(blank!.hint).toMatch(/dòng tiêu đề/);
    for (const i of [...of("total_row"), ...of("total_sum_range")]) expect(i.hint).toMatch(/\bcột\b/);
    expect(of("total_row").length + of("total_sum_range").length).toBeGreaterThan(0);
    // The annotated copy's report names each kind of problem in words that hold on either orientation.
    const kinds = planAnnotations(issues, "vi").report.rows.map((r) => r.values[7]!);
    expect(kinds.filter((k) => /^Dòng|dòng tổng/.test(k))).toEqual([]);
  });

  it("a units × indicators table keeps its columns", async () => {
    const { of } = await check([["Đơn vị", "Tổng số chi bộ", "Số con mèo nuôi"], ["Xã Sơn Mỹ", "9", 1], ["Xã Tân Đức", 8, 2], ["Tổng cộng", 16, 3]]);
    expect(of("unmapped_column")[0]!.message).toMatch(/^Cột C /);
    expect(of("text_number")[0]!.message).toMatch(/^Cột B /);
    expect(of("total_row")[0]!.message).toMatch(/^Dòng "Tổng cộng"/);
  });
});

describe("long lists in messages", () => {
  it("names the first ten missing units and counts the rest; the JSON field keeps them all", async () => {
    const units = twoTier("TMX", 40, 0).filter((u) => u.level === "commune");
    const { of } = await check([["Đơn vị", "Tổng số chi bộ"], ["Xã mẫu 1", 4], ["Xã mẫu 2", 5], ["Xã mẫu 3", 6]], { units });
    const [missing] = of("unit_missing");
    expect(missing!.message).toBe(`Thiếu 37 đơn vị so với danh mục: ${units.slice(3, 13).map((u) => u.name).join(", ")} và 27 đơn vị khác.`);
    expect(missing!.missingUnits).toHaveLength(37);
    expect(missing!.missingUnits![36]).toEqual({ code: units[39]!.code, name: units[39]!.name });
    const en = (await check([["Đơn vị", "Tổng số chi bộ"], ["Xã mẫu 1", 4]], { units, lang: "en" })).of("unit_missing")[0]!;
    expect(en.message).toMatch(/: Xã mẫu 2, .*, Xã mẫu 11 and 29 more\.$/);
  });

  it("a short list is written whole, with no 'more'", async () => {
    const { of } = await check([["Đơn vị", "Tổng số chi bộ"], ...HAM_TAN_COMMUNES.slice(0, 8).map((u) => [`Xã ${u.name}`, 3])], { units: HAM_TAN_COMMUNES });
    expect(of("unit_missing")[0]!.message).toBe("Thiếu 2 đơn vị so với danh mục: Tân Xuân, Thắng Hải.");
  });

  it("a unit repeated many times names its first rows only", async () => {
    const { of } = await check([["Đơn vị", "Tổng số chi bộ"], ...Array.from({ length: 30 }, () => ["Xã Sơn Mỹ", 3]), ["Xã Tân Đức", 2]]);
    const [dup] = of("unit_duplicate");
    expect(dup!.message).toBe("Đơn vị \"Xã Sơn Mỹ\" xuất hiện 30 lần (dòng 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …).");
    expect(dup!.cells).toHaveLength(30);
  });
});

const all = HAM_TAN_COMMUNES.map((u) => `Xã ${u.name}`);
const biểu = (n: string, header: string[], names: string[], fig: (k: number) => number[]) => [
  [`Biểu ${n}: ${header[0]}`], ["Đơn vị", ...header.slice(1)], ...names.map((u, k) => [u, ...fig(k)]),
];
const t1 = (names: string[]) => biểu("01", ["Tổ chức đảng", "Tổng số chi bộ", "Chi bộ đạt TSVM"], names, (k) => [8 + k, 4]);
const t2 = (names: string[]) => biểu("02", ["Đảng viên", "Tổng số đảng viên", "Đảng viên HTTNV"], names, (k) => [100 + k, 50]);

describe("several tables on one sheet", () => {
  it("two tables of the same ten communes: no unit is missing", async () => {
    const { of } = await check([["BÁO CÁO NĂM 2023"], ...t1(all), [], ...t2(all)], { units: HAM_TAN_COMMUNES });
    expect(of("unit_missing")).toEqual([]);
    expect(of("unit_missing_block")).toEqual([]);
  });

  it("a table lacking units the other lists is named once for them, not taken as units missing", async () => {
    const { read, of, issues } = await check([["BÁO CÁO NĂM 2023"], ...t1(all), [], ...t2(all.slice(0, 8))], { units: HAM_TAN_COMMUNES });
    expect(read.blocks).toHaveLength(2);
    expect(of("unit_missing")).toEqual([]);
    const gap = of("unit_missing_block");
    expect(gap).toHaveLength(1);
    expect(gap[0]!.message).toBe("Biểu 02 thiếu 2 đơn vị có trong các bảng khác của trang tính: Tân Xuân, Thắng Hải.");
    expect(gap[0]!.table).toEqual({ index: 2, title: "Biểu 02: Đảng viên", label: "Biểu 02" });
    expect(gap[0]!.missingUnits?.map((u) => u.code)).toEqual(["BTH-HTN-09", "BTH-HTN-10"]);
    // Biểu 02 has no cells for those two: nothing is "left blank" there.
    expect(issues.filter((i) => i.rule === "required_blank")).toEqual([]);
  });

  it("units no table lists are missing once, for the sheet, with no table named", async () => {
    const { of } = await check([["BÁO CÁO NĂM 2023"], ...t1(all.slice(0, 9)), [], ...t2(all.slice(0, 9))], { units: HAM_TAN_COMMUNES });
    const missing = of("unit_missing");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toMatch(/Thiếu 1 đơn vị .*: Thắng Hải\.$/);
    expect(missing[0]!.table).toBeUndefined();
    expect(of("unit_missing_block")).toEqual([]);
  });

  it("each issue says which table it is in; 'bảng 2' when the table has no title", async () => {
    const wrong = (names: string[]) => [["Biểu 01: Tổ chức đảng"], ["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM"], ...names.map((u, k) => [u, k === 1 ? 3 : 8, k === 1 ? 5 : 4])];
    const titled = await check([["BÁO CÁO NĂM 2023"], ...wrong(all), [], ...t2(all)], { units: HAM_TAN_COMMUNES });
    const part = titled.of("parts_le_whole")[0]!;
    expect(part.cells[0]).toBe("C5");
    expect(part.table?.label).toBe("Biểu 01");
    // The second table found by its repeated header, with no "Biểu" line of its own.
    const untitled = await check([["BÁO CÁO NĂM 2023"], ...wrong(all).slice(1), [], ["Đảng viên"], ["Đơn vị", "Tổng số đảng viên", "Đảng viên HTTNV"], [all[0]!, 10, 12], ...all.slice(1).map((u) => [u, 10, 5])]);
    expect(untitled.read.blocks).toHaveLength(2);
    const second = untitled.of("parts_le_whole").find((i) => i.cells[0] === "C16")!;
    expect(second.table).toEqual({ index: 2, title: null, label: "bảng 2" });
    expect(untitled.of("parts_le_whole").find((i) => i.cells[0] === "C4")!.table?.label).toBe("bảng 1");
  });

  it("a sheet of one table names no table", async () => {
    const { issues } = await check([["BÁO CÁO NĂM 2023"], ...t1(all.slice(0, 9))], { units: HAM_TAN_COMMUNES });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.filter((i) => i.table)).toEqual([]);
  });
});
