import { describe, expect, it } from "vitest";
import { checkRows } from "./sheet-check.ts";

/**
 * Subtotal rows and the sheet's own conventions, as real .xlsx files: "Cộng khối xã" and "Các
 * thị trấn" are subtotals of the units they group (checked against them, never added again into
 * the grand total), "Toàn Đảng bộ" is a grand total, "x" means not applicable.
 */

const check = checkRows;

const header = [["BÁO CÁO NĂM 2023"], ["Đơn vị", "Tổng số chi bộ", "Tổng số đảng viên"]];

describe("subtotal rows", () => {
  const trailing = [
    ...header,
    ["Khối xã"],
    ["Xã Sơn Mỹ", 9, 100],
    ["Xã Tân Đức", 8, 150],
    ["Cộng khối xã", 17, 240], // 100 + 150 = 250: planted
    ["Khối thị trấn"],
    ["TT Tân Minh", 10, 120],
    ["TT Tân Nghĩa", 11, 130],
    ["Cộng khối thị trấn", 21, 250],
    ["Toàn Đảng bộ", 38, 500],
  ];

  it("below their units are subtotals of them, not units, and the grand total counts each unit once", async () => {
    const { read, errors, issues } = await check(trailing);
    expect(read.units.filter((u) => u.isTotal).map((u) => u.name)).toEqual(["Cộng khối xã", "Cộng khối thị trấn", "Toàn Đảng bộ"]);
    expect(read.table.rows.map((r) => r.covers ?? null)).toEqual([null, null, [0, 1], null, null, [3, 4], null]);
    expect(issues.some((i) => /^unit_(unknown|duplicate)$/.test(i.rule))).toBe(false);
    expect(errors).toEqual([["total_row", "C6"]]);
  });

  it("above their units ('Các xã', 'Các thị trấn') cover the units below them", async () => {
    const { read, errors } = await check([
      ...header,
      ["Các xã", 17, 250],
      ["Xã Sơn Mỹ", 9, 100],
      ["Xã Tân Đức", 8, 150],
      ["Các thị trấn", 21, 230], // 120 + 100 = 220: planted
      ["TT Tân Minh", 10, 120],
      ["TT Tân Nghĩa", 11, 100],
      ["Tổng cộng", 38, 470],
    ]);
    expect(read.table.rows.map((r) => r.covers ?? null)).toEqual([[1, 2], null, null, [4, 5], null, null, null]);
    expect(errors).toEqual([["total_row", "C6"]]);
  });

  it("a consistent sheet of subtotals gives no error", async () => {
    const ok = trailing.map((r) => (r[0] === "Cộng khối xã" ? ["Cộng khối xã", 17, 250] : r));
    expect((await check(ok)).errors).toEqual([]);
  });
});

describe("the sheet's conventions", () => {
  const rows = [
    ...header,
    ["Xã Sơn Mỹ", 9, 100],
    ["Xã Tân Đức", "x", 150],
    ["TT Tân Minh", 10, "-"],
    ["Toàn Đảng bộ", 19, 250],
  ];

  it("without a legend reads 'x' as not applicable and '-' as none, said once as info", async () => {
    const { errors, issues } = await check(rows);
    expect(errors).toEqual([]);
    const note = issues.filter((i) => i.rule === "symbol_usual_meaning");
    expect(note.map((i) => [i.severity, i.cells])).toEqual([["info", ["B4"]]]);
    expect(note[0]!.message).toMatch(/"x" là không áp dụng/);
  });

  it("with a legend honours it silently, and the legend row is not a unit", async () => {
    const { errors, issues, read } = await check([...rows, [], ["(x): không áp dụng"]]);
    expect(errors).toEqual([]);
    expect(issues.some((i) => i.rule === "symbol_usual_meaning" || i.rule === "unit_unknown")).toBe(false);
    expect(read.units.map((u) => u.name)).toEqual(["Xã Sơn Mỹ", "Xã Tân Đức", "TT Tân Minh", "Toàn Đảng bộ"]);
  });

  it("still flags a word that is no symbol", async () => {
    const { errors } = await check(rows.map((r) => (r[0] === "Xã Tân Đức" ? ["Xã Tân Đức", "chưa rõ", 150] : r)));
    expect(errors).toContainEqual(["invalid_value", "B4"]);
  });
});
