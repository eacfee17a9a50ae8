import { describe, expect, it } from "vitest";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli.ts";
import { PARTY_TABLE as table1 } from "../fixtures/two-tables.ts";

/**
 * htct validate on a real workbook with two tables on one sheet: each issue says which table it
 * is in, in the text (“[Biểu 02]”) and in --json (`table`), beside the fields it always had.
 */
interface Doc { issues: { rule: string; cells: string[]; message: string; table?: { index: number; title: string | null; label: string }; missingUnits?: unknown[] }[] }

async function workbook(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Báo cáo");
  for (const r of rows) ws.addRow(r);
  const f = join(await mkdtemp(join(tmpdir(), "htct-tables-")), "hai-bieu.xlsx");
  await wb.xlsx.writeFile(f);
  return f;
}

const table2 = [
  ["Biểu 02: Đảng viên"],
  ["Đơn vị", "Tổng số đảng viên", "Đảng viên HTTNV"],
  ["Xã Sơn Mỹ", 100, 60],
  ["Tổng cộng", 110, 60], // one unit of 100: planted; Tân Đức left out of this table
];

describe("issues name their table", () => {
  it("in --json and in the text, on a sheet of two tables", async () => {
    const f = await workbook([["BÁO CÁO NĂM 2023"], ...table1, [], ...table2]);
    const doc = JSON.parse((await runCli(["validate", f, "--json"])).out) as Doc;
    const at = (rule: string) => doc.issues.find((i) => i.rule === rule)!;
    expect(at("rate_mismatch")).toMatchObject({ cells: ["D5", "C5", "B5"], table: { index: 1, title: "Biểu 01: Tổ chức đảng", label: "Biểu 01" } });
    expect(at("total_row")).toMatchObject({ cells: ["B11"], table: { index: 2, label: "Biểu 02" } });
    expect(at("unit_missing_block")).toMatchObject({ table: { index: 2 }, missingUnits: [{ code: "BTH-HTN-05", name: "Tân Đức" }] });
    // The registry's other communes are missing from the sheet, not from one table.
    expect(at("unit_missing").table).toBeUndefined();
    const text = (await runCli(["validate", f])).out;
    expect(text).toMatch(/Báo cáo!D5 \[Biểu 01\] Xã Tân Đức: "Tỷ lệ/);
    expect(text).toMatch(/Báo cáo!B11 \[Biểu 02\] Dòng "Tổng cộng"/);
    // A message that names its table already is not prefixed with it again.
    expect(text).toMatch(/\n {2}⚠ Biểu 02 thiếu 1 đơn vị có trong các bảng khác của trang tính: Tân Đức\./);
  });

  it("a sheet of one table names none", async () => {
    const f = await workbook([["BÁO CÁO NĂM 2023"], ...table1]);
    const doc = JSON.parse((await runCli(["validate", f, "--json"])).out) as Doc;
    expect(doc.issues.some((i) => i.rule === "rate_mismatch")).toBe(true);
    expect(doc.issues.filter((i) => "table" in i)).toEqual([]);
    expect((await runCli(["validate", f])).out).not.toMatch(/\[Biểu/);
  });

  it("in the annotated copy's report sheet: a column names each issue's table, in Vietnamese and in English", async () => {
    const f = await workbook([["BÁO CÁO NĂM 2023"], ...table1, [], ...table2]);
    for (const [lang, head] of [["vi", "Bảng"], ["en", "Table"]] as const) {
      const out = f.replace(/\.xlsx$/, `-${lang}.xlsx`);
      expect((await runCli(["annotate", f, "-o", out, "--lang", lang])).code).toBeLessThan(2);
      const back = new ExcelJS.Workbook();
      await back.xlsx.readFile(out);
      const rows: string[][] = [];
      back.getWorksheet("Kiểm tra")!.eachRow((r) => rows.push([3, 4].map((c) => r.getCell(c).text)));
      expect(rows[0]).toEqual([lang === "vi" ? "Ô" : "Cell", head]);
      const byCell = new Map(rows.slice(1).map(([cell, table]) => [cell, table]));
      expect(byCell.get("D5")).toBe("Biểu 01");
      expect(byCell.get("B11")).toBe("Biểu 02");
      // What concerns the sheet as a whole (the registry's communes left out of it) names no table.
      expect(rows.slice(1).some(([cell, table]) => cell === "" && table === "")).toBe(true);
    }
  });

  it("words follow the orientation: an indicators-as-rows sheet's messages and summary say 'dòng'", async () => {
    const f = await workbook([
      ["HUYỆN ỦY HÀM TÂN"], ["TỔNG HỢP CHẤT LƯỢNG TỔ CHỨC ĐẢNG NĂM 2014"],
      ["STT", "Chỉ tiêu", "Xã Sơn Mỹ", "Xã Tân Hà", "Xã Tân Minh", "Xã Tân Đức", "Toàn huyện"],
      [1, "Số chi bộ trực thuộc", 9, 10, 11, 8, 38],
      [2, "Chi bộ đạt TSVM", 6, 7, 5, 4, 22],
      [3, "Số con mèo nuôi", 1, 2, 3, 4, 10],
      [4, "Tổng số đảng viên", 150, 200, 180, 120, 650],
    ]);
    const text = (await runCli(["validate", f])).out;
    expect(text).toMatch(/3 dòng nhận ra, 1 dòng chưa gán/);
    expect(text).toMatch(/Báo cáo!B6 Dòng 6 \("Số con mèo nuôi"\) chưa được gán/);
    expect(text).not.toMatch(/Cột [0-9]/);
    expect((await runCli(["validate", f, "--lang", "en"])).out).toMatch(/Row 6 \("Số con mèo nuôi"\) is not mapped/);
  });
});
