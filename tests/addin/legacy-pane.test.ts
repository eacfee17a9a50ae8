import { describe, expect, it } from "vitest";
import { checkSheet, readOtherSheets, type CheckScope } from "../../addin/src/check.ts";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { getCatalog, type Issue } from "../../shared/index.ts";
import { toTcvn3, toVni } from "../../shared/parse/legacy-encoding.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

/**
 * The pane reads TCVN3 and VNI text as `htct check` does: converted before anything reads the
 * sheet, with one notice, the same issues as the Unicode sheet, and the clerk's cells untouched.
 */
const scope: CheckScope = { catalog: getCatalog(), lang: "vi", registry: REGISTRY, mappingOf: () => undefined };
type Rows = (string | number | null)[][];
const SHEET: Rows = [
  ["BÁO CÁO NĂM 2023"],
  ["Đơn vị", "Tổng số đảng viên", "Số chi bộ trực thuộc"],
  ["Xã Sơn Mỹ", 110, 10],
  ["Xã Tân Đức", 160, 9],
  ["Xã Tân Đức", 20, 1], // planted: a repeated unit
  ["Tổng cộng", 280, 20], // planted: the members add up to 290
];

async function pane(rows: Rows) {
  const wb = new FakeWorkbook();
  const s = wb.add("Báo cáo");
  rows.forEach((row, r) => row.forEach((v, c) => { if (v !== null) s.cell(r, c).value = v; }));
  const host = new FakeExcelHost(wb, { excelApi: "1.18" });
  const adapter = new ExcelAdapter(host.run, capabilities(host.office));
  const snap = await adapter.readSheet("Báo cáo", { others: true, known: await adapter.listSheets() });
  const { issues } = checkSheet(snap.grid, readOtherSheets(snap.others ?? [], scope), scope);
  return { issues, wb };
}
const key = (i: Issue) => `${i.severity} ${i.rule} ${i.cells.join(",")} ${i.message}`;
const encoded = (enc: (t: string) => string) => SHEET.map((row) => row.map((v) => (typeof v === "string" ? enc(v) : v)));

describe("the pane reads legacy Vietnamese encodings", () => {
  for (const [name, enc] of [["TCVN3", toTcvn3], ["VNI", toVni]] as const) {
    it(`gives a ${name} sheet the Unicode sheet's issues, with one notice, leaving the cells as typed`, async () => {
      const plain = (await pane(SHEET)).issues;
      expect(plain.map((i) => i.rule)).toEqual(expect.arrayContaining(["unit_duplicate", "total_row"]));
      const rows = encoded(enc);
      expect(rows[1]![1]).not.toBe("Tổng số đảng viên");
      const { issues, wb } = await pane(rows);
      const notice = issues.filter((i) => i.rule === "legacy_encoding");
      expect(notice).toHaveLength(1);
      expect(notice[0]!.message).toMatch(new RegExp(`^Tệp dùng bảng mã ${name}`));
      expect(issues.filter((i) => i.rule !== "legacy_encoding").map(key)).toEqual(plain.map(key));
      expect(wb.sheet("Báo cáo")!.get(1, 1)!.value).toBe(rows[1]![1]);
    });
  }
});
