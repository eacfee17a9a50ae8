import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { AdapterError } from "../../addin/src/excel/errors.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

/** The server's values chosen in a conflict go into their cells, as Excel takes them. */
function book() {
  const wb = new FakeWorkbook();
  const s = wb.add("Báo cáo");
  s.cell(4, 4).value = 70; // E5
  s.cell(4, 11).value = 0.5; s.cell(4, 11).numberFormat = "0.00%"; // L5, a percent cell
  s.cell(14, 4).value = 614; s.cell(14, 4).formula = "=SUM(E5:E14)"; // E15, the total
  const host = new FakeExcelHost(wb, { excelApi: "1.18" });
  return { wb, s, host, adapter: new ExcelAdapter(host.run, capabilities(host.office)) };
}

describe("writing the values chosen in a conflict", () => {
  it("writes numbers, a percent as the fraction Excel shows, text as text; a formula cell is left and named", async () => {
    const { s, adapter, host } = book();
    const r = await adapter.writeChosen("Báo cáo", [
      { address: "E5", value: 66 }, { address: "L5", value: 75 }, { address: "E15", value: 610 }, { address: "F5", value: "=1+1" }, { address: "G5", value: null },
    ]);
    expect(r).toEqual({ written: ["E5", "L5", "F5", "G5"], formulas: ["E15"] });
    expect(s.get(4, 4)?.value).toBe(66);
    expect(s.get(4, 11)?.value).toBe(0.75);
    expect(s.get(14, 4)).toMatchObject({ value: 614, formula: "=SUM(E5:E14)" });
    expect(s.get(4, 5)).toMatchObject({ value: "=1+1", formula: null });
    expect(host.syncCount).toBe(2);
  });

  it("refuses a protected sheet before writing anything", async () => {
    const { s, adapter } = book();
    s.protected = true;
    await expect(adapter.writeChosen("Báo cáo", [{ address: "E5", value: 66 }])).rejects.toBeInstanceOf(AdapterError);
    expect(s.get(4, 4)?.value).toBe(70);
  });
});
