import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { getCatalog, readSheet, compileValidator, type CellValue, type SheetGrid } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

const catalog = getCatalog();
const read = (values: CellValue[][], extra: Partial<SheetGrid> = {}) => readSheet({ name: "Báo cáo", values, ...extra }, { catalog, registry: REGISTRY });
const codes = (r: ReturnType<typeof read>) => r.mapping.map((m) => m.indicator);

describe("reading clerks' sheets", () => {
  it("finds a one-row header under title rows and reads total rows apart", () => {
    const r = read([
      ["BÁO CÁO CHẤT LƯỢNG HỆ THỐNG CHÍNH TRỊ CƠ SỞ"],
      ["Huyện Hàm Tân, tháng 6/2012"],
      [],
      ["STT", "Tên đơn vị", "Tổng số đảng viên", "Số chi bộ trực thuộc"],
      [1, "Xã Sơn Mỹ", 60, 9],
      [2, "Thị trấn Tân Nghĩa", 70, 10],
      [null, "Tổng cộng", 130, 19],
      [],
      ["Người lập biểu"],
    ]);
    expect(r.headerRows).toEqual([4]);
    expect(r.unitColumn).toBe("B");
    expect(codes(r)).toEqual(["members.total", "party.cells"]);
    expect(r.units.map((u) => [u.name, u.unitId, u.isTotal])).toEqual([["Xã Sơn Mỹ", "BTH-HTN-03", false], ["Thị trấn Tân Nghĩa", "BTH-HTN-02", false], ["Tổng cộng", null, true]]);
    expect(r.scope).toBe("BTH-HTN");
  });

  it("reads merged two-row group headers, with or without merge information, and skips a numbering row", () => {
    const values: CellValue[][] = [
      ["Đơn vị", "Cán bộ chuyên trách", null, null, "Công chức", null],
      [null, "Biên chế", "Hiện có", "Nữ", "Biên chế", "Nữ"],
      ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
      ["Xã Tân Hà", 11, 10, 3, 13, 6],
      ["Xã Tân Xuân", 11, 11, 2, 13, 5],
    ];
    const expected = ["cadres.ft.posts", "cadres.ft.in_post", "cadres.ft.women", "cadres.cs.posts", "cadres.cs.women"];
    expect(codes(read(values))).toEqual(expected);
    const merged = read(values, { merges: [{ top: 0, left: 1, bottom: 0, right: 3 }, { top: 0, left: 4, bottom: 0, right: 5 }, { top: 0, left: 0, bottom: 1, right: 0 }] });
    expect(codes(merged)).toEqual(expected);
    expect(merged.headerRows).toEqual([1, 2]);
  });

  it("understands headers without diacritics and with the field's abbreviations", () => {
    const r = read([
      ["Don vi", "So DV", "Chi bo TSVM", "DV HTTNV", "DV HTXSNV", "Ty le ho ngheo", "Ho ngheo", "Tong so ho"],
      ["Tan Nghia", 70, 4, 40, 8, "5,00%", 20, 400],
      ["Son My", 60, 3, 35, 6, "2,50%", 10, 400],
    ]);
    expect(codes(r)).toEqual(["members.total", "grades.cells.tsvm", "members.grade.httnv", "members.grade.htxsnv", "poverty.poor_rate", "poverty.poor", "poverty.households"]);
    expect(r.mapping.every((m) => m.confidence >= 0.6)).toBe(true);
  });

  it("splits part/whole columns when the header says so, and reports unmapped columns", () => {
    const r = read([
      ["Đơn vị", "Thôn có chi bộ/Tổng số thôn", "Ghi chú riêng"],
      ["Tân Phúc", "5/6", 1],
      ["Tân Đức", "4/4", 2],
    ]);
    expect(r.mapping[0]).toMatchObject({ indicator: "org.villages.with_cell", wholeIndicator: "org.villages" });
    expect(Array.from(r.table.values.get("org.villages")!)).toEqual([6, 4]);
    expect(r.unmapped.map((u) => u.header)).toEqual(["Ghi chú riêng"]);
    expect(r.issues.some((i) => i.rule === "unmapped_column")).toBe(true);
  });

  it("honours a saved mapping over the automatic one", () => {
    const values: CellValue[][] = [["Đơn vị", "Cột A", "Số ĐV"], ["Tân Hà", 3, 50], ["Tân Xuân", 4, 60]];
    const r = readSheet({ name: "S", values }, { catalog, mapping: { B: "party.cells", C: null } });
    expect(r.mapping.map((m) => [m.column, m.indicator, m.source])).toEqual([["B", "party.cells", "saved"]]);
  });

  it("reports unknown, misspelled and duplicate units, and formula errors", () => {
    const r = read([
      ["Đơn vị", "Số đảng viên"],
      ["Sơn Mỹ", 50], ["Tân Nghĩ", 40], ["Tân Hà", 30], ["Tân Hà", 30], ["Xã Không Tồn Tại", 20], [null, 10], ["Tân Đức", "#REF!"],
    ]);
    const rules = r.issues.map((i) => i.rule);
    expect(rules).toEqual(expect.arrayContaining(["unit_misspelled", "unit_duplicate", "unit_unknown", "unit_blank", "formula_error", "unit_missing"]));
    const misspelled = r.issues.find((i) => i.rule === "unit_misspelled")!;
    expect(misspelled.message).toContain("Tân Nghĩa");
    expect(misspelled.cells).toEqual(["A3"]);
  });

  it("addresses cells by the used range's origin", () => {
    const r = readSheet({ name: "S", origin: { row: 9, col: 3 }, values: [["Đơn vị", "Số đảng viên", "Số chi bộ trực thuộc"], ["Tân Hà", 5, 9], ["Tân Xuân", "abc", 3]] }, { catalog });
    const bad = r.issues.find((i) => i.rule === "invalid_value")!;
    expect(bad.cells).toEqual(["E12"]);
  });

  it("answers a sheet without a table with one clear issue", () => {
    for (const values of [[], [["Ghi chú"]], [["a", "b"], ["c", "d"]]] as CellValue[][][]) {
      const r = read(values);
      expect(r.issues.map((i) => i.rule)).toEqual(["no_layout"]);
      expect(r.issues[0]!.message).toMatch(/Không nhận ra bảng/);
    }
  });

  it("never throws, whatever the cells hold", () => {
    const cell = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom("#DIV/0!", "52/53", "24,07%", "1.716", "Tổng cộng", "Xã Sơn Mỹ", "Số ĐV", "=SUM(A1)", "__proto__"));
    const validate = compileValidator(catalog);
    fc.assert(fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }), (values) => {
      const r = read(values);
      const issues = [...r.issues, ...validate(r.table)];
      for (const i of issues) expect(typeof i.message).toBe("string");
    }), { numRuns: 500 });
  });
});

describe("addresses when the used range does not start at A1", () => {
  it("puts the validator's cells where they are on the sheet", () => {
    const r = readSheet({ name: "S", origin: { row: 2, col: 3 }, values: [["Đơn vị", "Thôn có chi bộ", "Tổng số thôn"], ["Tân Hà", 7, 6], ["Tân Xuân", 3, 4]] }, { catalog });
    const issue = compileValidator(catalog)(r.table).find((i) => i.rule === "part_le_whole")!;
    expect(issue.cells).toEqual(["E4", "F4"]);
  });
});

describe("section headings", () => {
  it("skips an unnumbered name-only row but keeps a numbered unit with no figures yet", () => {
    const r = read([
      ["STT", "Đơn vị", "Tổng số đảng viên", "Số chi bộ trực thuộc"],
      ["I", "Các thị trấn", null, null],
      [1, "Thị trấn Tân Minh", 50, 5],
      [2, "Thị trấn Tân Nghĩa", null, null],
      ["II", "Các xã", null, null],
      [3, "Xã Sơn Mỹ", 40, 4],
    ]);
    expect(r.units.map((u) => u.name)).toEqual(["Thị trấn Tân Minh", "Thị trấn Tân Nghĩa", "Xã Sơn Mỹ"]);
  });
});
