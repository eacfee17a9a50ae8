import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../cli/check.ts";
import { checkSheet, readOtherSheets, type CheckScope } from "../../addin/src/check.ts";
import { capabilities, ExcelAdapter, type SheetInfo } from "../../addin/src/excel/adapter.ts";
import { getCatalog, type Issue } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { FakeExcelHost, FakeWorkbook, loadXlsx } from "./fake-excel/index.ts";

/**
 * "Required indicator missing" in the pane looks at every data sheet of the workbook, as
 * `htct check` does: the pane reads the other sheets beside the picked one (in the same syncs
 * where it can) and judges with the same shared function.
 */
const scope: CheckScope = { catalog: getCatalog(), lang: "vi", registry: REGISTRY, mappingOf: () => undefined };

type Rows = (string | number | null)[][];
// Each sheet's topic expects what the other holds (the committee members are the party's, so its
// cells are expected), and both expect the villages, which no sheet has.
const MEMBERS: Rows = [["Đơn vị", "Tổng số đảng viên", "Số cấp ủy viên", "Thôn có đảng viên"], ["Xã Sơn Mỹ", 110, 15, 8], ["Xã Tân Đức", 160, 15, 7]];
const CELLS: Rows = [["Đơn vị", "Số chi bộ trực thuộc", "Thôn có chi bộ"], ["Xã Sơn Mỹ", 10, 8], ["Xã Tân Đức", 9, 7]];
const NOTES: Rows = [["Ghi chú"], ["Số liệu lấy từ báo cáo của các đảng bộ xã."]];

function book(sheets: [string, Rows][]): FakeWorkbook {
  const wb = new FakeWorkbook();
  for (const [name, rows] of sheets) {
    const s = wb.add(name);
    rows.forEach((row, r) => row.forEach((v, c) => { if (v !== null) s.cell(r, c).value = v; }));
  }
  return wb;
}

async function pane(wb: FakeWorkbook, sheet: string, opts: { excelApi?: string; known?: SheetInfo[] } = {}) {
  const host = new FakeExcelHost(wb, { excelApi: opts.excelApi ?? "1.18" });
  const adapter = new ExcelAdapter(host.run, capabilities(host.office));
  const known = opts.known ?? await adapter.listSheets();
  host.resetCounters();
  const snap = await adapter.readSheet(sheet, { others: true, known });
  const { issues } = checkSheet(snap.grid, readOtherSheets(snap.others ?? [], scope), scope);
  return { issues, host, snap };
}

const missing = (issues: Issue[]) => issues.filter((i) => i.rule === "required_missing").map((i) => [i.sheet, i.indicators[0]]);

async function asXlsx(sheets: [string, Rows][]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) wb.addWorksheet(name).addRows(rows);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return back;
}

describe("required indicators across the workbook's sheets, in the pane", () => {
  it("does not warn on sheet 1 about an indicator that sheet 2 has", async () => {
    const { issues } = await pane(book([["Đảng viên", MEMBERS], ["Chi bộ", CELLS]]), "Đảng viên");
    expect(missing(issues)).not.toContainEqual(["Đảng viên", "party.cells"]);
    // The control: alone, the same sheet is warned about it.
    const alone = await pane(book([["Đảng viên", MEMBERS]]), "Đảng viên");
    expect(missing(alone.issues)).toContainEqual(["Đảng viên", "party.cells"]);
  });

  it("still warns, once, about an indicator no sheet has; a notes sheet changes nothing", async () => {
    const { issues } = await pane(book([["Đảng viên", MEMBERS], ["Ghi chú", NOTES], ["Chi bộ", CELLS]]), "Chi bộ");
    expect(missing(issues)).toEqual([["Chi bộ", "org.villages"]]);
  });

  it("says what `htct check` says of the picked sheet, on the same .xlsx", async () => {
    const sheets: [string, Rows][] = [["Đảng viên", MEMBERS], ["Ghi chú", NOTES], ["Chi bộ", CELLS]];
    const file = await asXlsx(sheets);
    const cli = checkWorkbook(file, { registry: REGISTRY, targets: [], lang: "vi" }).issues;
    const wb = await loadXlsx(new Uint8Array(await file.xlsx.writeBuffer() as ArrayBuffer));
    for (const sheet of ["Đảng viên", "Chi bộ"]) {
      const { issues } = await pane(wb, sheet);
      const brief = (list: Issue[]) => list.map((i) => `${i.severity}|${i.rule}|${i.cells.join(" ")}|${i.indicators.join(" ")}`).sort();
      // The CLI says a missing indicator once, on the first sheet; the pane on the sheet picked.
      const cliHere = cli.filter((i) => i.sheet === sheet || i.rule === "required_missing").map((i) => ({ ...i, sheet }));
      expect(brief(issues)).toEqual(brief(cliHere));
    }
  });

  it("reads the other sheets in the same two syncs when it knows them, one more when a sheet is new", async () => {
    const wb = book([["Đảng viên", MEMBERS], ["Chi bộ", CELLS]]);
    for (const excelApi of ["1.2", "1.9", "1.18"]) {
      expect((await pane(wb, "Đảng viên", { excelApi })).host.syncCount).toBe(2);
      const unseen = await pane(wb, "Đảng viên", { excelApi, known: [{ name: "Đảng viên", visibility: "Visible" }] });
      expect(unseen.host.syncCount).toBe(3);
      expect(unseen.snap.others?.map((g) => g.name)).toEqual(["Chi bộ"]);
    }
  });

  it("copes with a sheet deleted or renamed since it was last seen", async () => {
    const wb = book([["Đảng viên", MEMBERS], ["Chi bộ", CELLS]]);
    const known = [{ name: "Đảng viên", visibility: "Visible" }, { name: "Đã xóa", visibility: "Visible" }, { name: "Chi bộ", visibility: "Visible" }];
    const { issues, snap } = await pane(wb, "Đảng viên", { known });
    expect(snap.others?.map((g) => g.name)).toEqual(["Chi bộ"]);
    expect(missing(issues)).not.toContainEqual(["Đảng viên", "party.cells"]);
  });

  it("leaves out the add-in's own sheets and very hidden ones, keeps hidden ones as the CLI does", async () => {
    const wb = book([["Đảng viên", MEMBERS], ["Chi bộ", CELLS], ["Kiểm tra", CELLS], ["Cất", CELLS]]);
    wb.sheet("Chi bộ")!.visibility = "Hidden";
    wb.sheet("Cất")!.visibility = "VeryHidden";
    const { snap } = await pane(wb, "Đảng viên");
    expect(snap.others?.map((g) => g.name)).toEqual(["Chi bộ"]);
  });

  it("keeps every sync within the budget with a large other sheet, and reads hostile cells without failing", async () => {
    const big: Rows = [["Đơn vị", "Số chi bộ trực thuộc", "Ghi chú"]];
    for (let i = 1; i <= 30_000; i++) big.push([`Xã Thử Nghiệm ${i}`, i % 17, i % 1000 === 0 ? "x".repeat(30_000) : i % 7 === 0 ? "=1/0" : "ổn"]);
    const wb = book([["Đảng viên", MEMBERS], ["Lớn", big], ["Rác", [["\u0000\u202e", "#REF!", "=HYPERLINK(\"http://x\")"], [1e308, -0, "đ".repeat(10_000)]]]]);
    for (const excelApi of ["1.2", "1.18"]) {
      const { issues, host } = await pane(wb, "Đảng viên", { excelApi });
      expect(host.maxRequestBytes).toBeLessThan(4 * 1024 * 1024);
      expect(host.maxResponseBytes).toBeLessThan(4 * 1024 * 1024);
      expect(missing(issues)).not.toContainEqual(["Đảng viên", "party.cells"]);
      expect(issues.every((i) => i.sheet === "Đảng viên")).toBe(true);
    }
  }, 120_000);
});
