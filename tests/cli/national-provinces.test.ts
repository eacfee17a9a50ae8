import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prefixedName } from "../../shared/registry/levels.ts";
import { nationalRegistry } from "../../seeds/national.ts";
import { runCli } from "./run-cli.ts";

let dir = "";
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "htct-national-")); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const registry = nationalRegistry();
const current = registry.filter((u) => !u.validTo);

/** A province-wide sheet as a province office keeps it: one row per commune with its real name, as written in several hands. */
async function provinceSheet(province: string, file: string, write: (name: string, i: number) => string) {
  const p = current.find((u) => u.level === "province" && u.name === province)!;
  const communes = current.filter((u) => u.parent === p.code);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tổng hợp");
  ws.addRow([`TỔNG HỢP SỐ LIỆU ĐẢNG VIÊN TOÀN TỈNH ${p.name.toUpperCase()}`]);
  ws.addRow(["STT", "Đơn vị", "Tổng số đảng viên", "Số chi bộ"]);
  communes.forEach((u, i) => ws.addRow([i + 1, write(prefixedName(u), i), 300 + i, 20 + (i % 7)]));
  const path = join(dir, file);
  await wb.xlsx.writeFile(path);
  return { p, communes, path };
}

describe("htct validate with the shipped national registry, no --registry", () => {
  const cases: Array<[string, (name: string, i: number) => string]> = [
    // Tây Ninh has Xã Tân Thành and Xã Tân Thạnh; written with their marks, each is itself.
    ["Tây Ninh", (n) => n],
    ["An Giang", (n, i) => (i % 2 === 0 ? n.toUpperCase() : n.replace(/^Xã /, "X. ").replace(/^Phường /, "P. ").replace(/^Đặc khu /, "ĐK "))],
    ["Hà Nội", (n) => n.replace(/^Phường /, "P.")],
  ];
  for (const [name, write] of cases) {
    it(`recognises every commune of ${name} in 2025-H2, by its official code`, async () => {
      const { p, communes, path } = await provinceSheet(name, `${name}.xlsx`, write);
      const r = await runCli(["validate", path, "--period", "2025-H2", "--json"]);
      const json = JSON.parse(r.out) as { sheets: Array<{ scope: string; units: Array<{ row: number; unitId: string | null }> }>; issues: Array<{ rule: string; message: string }> };
      expect(json.issues.filter((i) => i.rule.startsWith("unit_")).map((i) => i.message)).toEqual([]);
      const sheet = json.sheets[0]!;
      expect(sheet.scope).toBe(p.code);
      const ids = sheet.units.map((u) => u.unitId);
      expect(ids).toEqual(communes.map((u) => u.code));
      // The official code is a whole token of each id: five digits, then at most the interval.
      for (const id of ids) expect(id).toMatch(/^\d{5}(@\d{4}-\d{2}-\d{2})?$/);
    });
  }
});
