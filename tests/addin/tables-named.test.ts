import { describe, expect, it } from "vitest";
import { MEMBERS_TABLE as table2, PARTY_TABLE as table1 } from "../fixtures/two-tables.ts";
import { paneCheck } from "./pane-check.ts";

/** The pane's check of a sheet of two tables, read through the strict fake Excel: each issue says its table. */
describe("the pane names the table of each issue", () => {
  it("on a sheet of two tables", async () => {
    const issues = (await paneCheck([["BÁO CÁO NĂM 2023"], ...table1, [], ...table2])).issues;
    const at = (rule: string) => issues.find((i) => i.rule === rule)!;
    expect(at("rate_mismatch")).toMatchObject({ cells: ["D5", "C5", "B5"], table: { index: 1, label: "Biểu 01" } });
    expect(at("total_row")).toMatchObject({ cells: ["B12"], table: { index: 2, label: "Biểu 02" } });
  });

  it("and names none on a sheet of one", async () => {
    const issues = (await paneCheck([["BÁO CÁO NĂM 2023"], ...table1])).issues;
    expect(issues.some((i) => i.rule === "rate_mismatch")).toBe(true);
    expect(issues.filter((i) => i.table)).toEqual([]);
  });
});
