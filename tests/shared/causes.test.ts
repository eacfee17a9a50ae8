import { describe, expect, it } from "vitest";
import { acrossSheets, compileValidator, countByCause, getCatalog, groupByCause, readSheet, type CellValue, type Issue } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

/** One issue per cause: each planted cause gives exactly one issue, and nothing is said twice. */
const catalog = getCatalog();
const validate = compileValidator(catalog);
function check(values: CellValue[][], name = "Báo cáo") {
  const read = readSheet({ name, values }, { catalog, registry: REGISTRY });
  return { read, issues: [...read.issues, ...validate(read.table)] };
}
const rules = (issues: Issue[]) => issues.filter((i) => i.severity === "error").map((i) => `${i.rule}@${i.cells[0] ?? ""}`);

const HEADER = ["STT", "Đơn vị", "Tổng số đảng viên", "Số chi bộ trực thuộc", "Số thôn, khu phố", "Số hộ nghèo"];
const UNITS: CellValue[][] = [
  [1, "Xã Sơn Mỹ", 100, 9, 8, 40],
  [2, "Xã Tân Đức", 120, 8, 7, 35],
  [3, "Xã Tân Hà", 90, 7, 6, 30],
  [4, "Xã Tân Phúc", 80, 6, 5, 25],
];

describe("one issue per cause", () => {
  it("a total row whose SUM stops a row early is one issue naming the rows, whatever the number of columns", () => {
    const sums = [0, 0, 2, 3, 4, 5].map((c) => (c < 2 ? null : UNITS.slice(0, 3).reduce((s, r) => s + (r[c] as number), 0)));
    const { issues } = check([HEADER, ...UNITS, [null, "Tổng cộng", ...sums.slice(2)]]);
    expect(rules(issues)).toEqual(["total_sum_range@C6"]);
    const total = issues.find((i) => i.rule === "total_sum_range")!;
    expect(total.cells).toEqual(["C6", "D6", "E6", "F6"]);
    expect(total.message).toMatch(/chỉ cộng đến dòng 4, bỏ sót dòng 5: 4 cột không khớp/);
  });

  it("a total that is simply wrong in one column stays a total_row issue of that cell", () => {
    const { issues } = check([HEADER, ...UNITS, [null, "Tổng cộng", 390, 30, 26, 200]]);
    expect(rules(issues)).toEqual(["total_row@F6"]);
  });

  it("a cell that is not a number is one issue, not also 'required but blank'", () => {
    const units = UNITS.map((r) => [...r]);
    units[1]![2] = "một trăm hai mươi";
    const { issues } = check([HEADER, ...units]);
    expect(rules(issues)).toEqual(["invalid_value@C3"]);
  });

  it("a total that fails only because a unit's cell is unreadable goes under that cell's issue", () => {
    const units = UNITS.map((r) => [...r]);
    units[1]![2] = "12O"; // a letter O for a zero
    const { issues } = check([HEADER, ...units, [null, "Tổng cộng", 390, 30, 26, 130]]);
    expect(rules(issues)).toEqual(["invalid_value@C3", "total_row@C6"]);
    const grouped = groupByCause(issues);
    expect(rules(grouped)).toEqual(["invalid_value@C3"]);
    const cause = grouped.find((i) => i.rule === "invalid_value")!;
    expect(cause.cells).toEqual(["C3", "C6"]);
    expect(cause.message).toMatch(/dòng tổng "Tổng cộng" cũng không khớp \(ô C6\)/);
  });

  it("'required indicator missing' looks at every sheet before it warns, and warns once", () => {
    // Each sheet's topic expects what the other holds, and both the villages, which neither has.
    const a = check([["Đơn vị", "Tổng số đảng viên", "Số cấp ủy viên", "Thôn có đảng viên"], ["Xã Sơn Mỹ", 100, 12, 8], ["Xã Tân Đức", 120, 13, 7]], "Đảng viên");
    const b = check([["Đơn vị", "Số chi bộ trực thuộc", "Đảng viên HTTNV", "Thôn có chi bộ"], ["Xã Sơn Mỹ", 9, 60, 8], ["Xã Tân Đức", 8, 70, 7]], "Chi bộ");
    const missing = (issues: Issue[]) => issues.filter((i) => i.rule === "required_missing").map((i) => i.indicators[0]);
    expect(missing(a.issues)).toContain("party.cells");
    expect(missing(b.issues)).toContain("members.total");
    const all = acrossSheets([{ table: a.read.table, issues: a.issues }, { table: b.read.table, issues: b.issues }]);
    expect(missing(all)).not.toContain("party.cells");
    expect(missing(all)).not.toContain("members.total");
    const villages = missing(all).filter((c) => c === "org.villages");
    expect(villages).toHaveLength(1);
  });

  it("counts issues by cause, errors first", () => {
    const units = UNITS.map((r) => [...r]);
    units[0]![2] = "abc";
    units[2]![3] = -1;
    units[3]![3] = -2;
    const counts = countByCause(check([HEADER, ...units]).issues);
    expect(counts.filter((c) => c.severity === "error").map((c) => [c.rule, c.count, c.title])).toEqual([["negative", 2, "Số âm"], ["invalid_value", 1, "Không phải số"]]);
  });
});
