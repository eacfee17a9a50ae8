import { describe, expect, it } from "vitest";
import { compileValidator, getCatalog, tableFromRecords, type Issue } from "../../shared/index.ts";
import { checkRows } from "./sheet-check.ts";

/**
 * Only the indicators of the form's topic are expected, as real .xlsx files: a form of the
 * members alone, or of the mass organisations alone, is not told that other topics' columns are
 * missing; one that leaves out an indicator of its own topic still is.
 */
const missing = (issues: Issue[]) => issues.filter((i) => i.rule === "required_missing").map((i) => i.indicators[0]);

describe("required indicators by the form's topic", () => {
  it("a members-only form is not told that the cells or the villages are missing", async () => {
    const { issues, errors } = await checkRows([
      ["Đơn vị", "Tổng số đảng viên", "Đảng viên HTXSNV", "Đảng viên HTTNV", "Đảng viên HTNV", "Đảng viên KHTNV"],
      ["Xã Sơn Mỹ", 120, 20, 80, 15, 5],
      ["Xã Tân Đức", 90, 10, 60, 15, 10], // 95 graded of 90: planted
    ]);
    expect(missing(issues)).toEqual([]);
    expect(errors).toEqual([["parts_le_whole", "C3"]]);
  });

  it("a mass-organisation form is not told that the members, the cells or the villages are missing", async () => {
    const { issues, read } = await checkRows([
      ["Đơn vị", "Số đoàn viên, hội viên", "Hội Cựu chiến binh", null, null, null],
      [null, null, "Tốt", "Khá", "Trung bình", "Yếu"],
      ["Xã Sơn Mỹ", 1500, 1, 0, 0, 0],
      ["Xã Tân Đức", 1200, 0, 1, 0, 0],
    ], { merges: ["A1:A2", "B1:B2", "C1:F1"] });
    expect(read.mapping.map((m) => m.indicator)).toEqual(["massorg.members", "massorg.veterans.grade.tot", "massorg.veterans.grade.kha", "massorg.veterans.grade.trung_binh", "massorg.veterans.grade.yeu"]);
    expect(missing(issues)).toEqual([]);
  });

  it("a members form without the members' total is told so, and nothing else", async () => {
    const { issues } = await checkRows([["Đơn vị", "Đảng viên nữ", "Đảng viên HTTNV"], ["Xã Sơn Mỹ", 40, 80], ["Xã Tân Đức", 30, 60]]);
    expect(missing(issues)).toEqual(["members.total"]);
  });

  it("cells graded expect the number of cells; villages with a cell, the villages", async () => {
    const { issues } = await checkRows([["Đơn vị", "Tổng số đảng viên", "Chi bộ đạt TSVM", "Thôn có chi bộ"], ["Xã Sơn Mỹ", 120, 6, 8], ["Xã Tân Đức", 90, 5, 7]]);
    expect(missing(issues).sort()).toEqual(["org.villages", "party.cells"]);
  });

  it("a sheet with no column mapped says no topic: everything required is expected", async () => {
    const { issues } = await checkRows([["Đơn vị", "Cột lạ 1", "Cột lạ 2"], ["Xã Sơn Mỹ", 1, 2], ["Xã Tân Đức", 3, 4]]);
    expect(missing(issues).sort()).toEqual(["members.total", "org.villages", "party.cells"]);
  });

  it("a unit's whole report (a submission's records) is expected to hold every required indicator", () => {
    const catalog = getCatalog();
    const { table } = tableFromRecords([{ unit: "Sơn Mỹ", unitId: "BTH-HTN-03", values: { "members.total": 120, "members.women": 40 } }], catalog);
    expect(missing(compileValidator(catalog)(table)).sort()).toEqual(["org.villages", "party.cells"]);
  });
});
