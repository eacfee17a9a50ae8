import { describe, expect, it } from "vitest";
import { checkRows } from "./sheet-check.ts";
import { MEMBERS_TABLE as table2, PARTY_TABLE as table1, TITLE as title } from "../fixtures/two-tables.ts";

/**
 * Several tables on one sheet, as real .xlsx files: Biểu 01 then Biểu 02 below it, each with
 * its own header and total. Each table is read with its own mapping, its figures checked under
 * its own columns, and a commune named in both is one unit, not a repeated one.
 */

const check = checkRows;

const blank = (n: number) => Array.from({ length: n }, () => [] as (string | number | null)[]);

describe("several tables on one sheet", () => {
  it("reads each table with its own header and mapping, and each unit once", async () => {
    const { read, issues } = await check([...title, ...table1, [], ...table2]);
    expect(read.blocks?.map((b) => [b.title, b.firstRow, b.lastRow])).toEqual([["Biểu 01: Tổ chức đảng", 1, 7], ["Biểu 02: Đảng viên", 8, 12]]);
    expect(read.mapping.map((m) => [m.column, m.indicator])).toEqual([
      ["B", "party.cells"], ["C", "grades.cells.tsvm"], ["D", "grades.cells.tsvm_rate"], ["B", "members.total"], ["C", "members.grade.httnv"],
    ]);
    expect(read.units.map((u) => [u.name, u.unitId, u.isTotal])).toEqual([["Xã Sơn Mỹ", "BTH-HTN-03", false], ["Xã Tân Đức", "BTH-HTN-05", false], ["Tổng cộng", null, true]]);
    expect(Array.from(read.table.values.get("members.total")!)).toEqual([100, 150, 260]);
    expect(Array.from(read.table.values.get("party.cells")!)).toEqual([9, 8, 17]);
    expect(issues.filter((i) => /^unit_(duplicate|unknown|blank)$/.test(i.rule) || i.rule === "invalid_value")).toEqual([]);
  });

  it("says once what both tables leave out: one warning per cause, not one per table", async () => {
    const { read } = await check([...title, ...table1, [], ...table2]);
    const missing = read.issues.filter((i) => i.rule === "unit_missing");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toMatch(/Tân Minh/);
  });

  it("flags each table's planted error at its own cell, nothing else", async () => {
    const { errors } = await check([...title, ...table1, [], ...table2]);
    expect(errors).toEqual([["rate_mismatch", "D5"], ["total_row", "B12"]]);
  });

  it("gives, stacked, the issues each table gives alone", async () => {
    const stacked = (await check([...title, ...table1, [], ...table2])).errors;
    const first = (await check([...title, ...table1])).errors;
    const second = (await check([...title, ...blank(6), ...table2])).errors;
    expect(stacked).toEqual([...first, ...second]);
  });

  it("finds the second table by its repeated header when it has no 'Biểu' line", async () => {
    const { read, errors } = await check([...title, ...table1.slice(1), [], ["Đảng viên"], ...table2.slice(1)]);
    expect(read.blocks).toHaveLength(2);
    expect(errors).toEqual([["rate_mismatch", "D4"], ["total_row", "B11"]]);
  });

  it("leaves a sheet of one table as it was", async () => {
    const { read } = await check([...title, ...table1]);
    expect(read.blocks).toBeUndefined();
    expect(read.units).toHaveLength(3);
  });

  it("reads a sheet of 'Biểu' lines without tables as one sheet, quickly and without a crash", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`Biểu ${i % 100}`, i % 7 ? "x" : null]);
    const t = Date.now();
    const { read } = await check([...title, ...table1, ...rows]);
    expect(read.blocks).toBeUndefined();
    expect(read.units.length).toBeGreaterThan(0);
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});
