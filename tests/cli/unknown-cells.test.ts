import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { classifySheet, getCatalog, isUnitName } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { runCli } from "./run-cli.ts";

let dir = "";
let demo = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "htct-unknown-cells-"));
  demo = join(dir, "demo-registry.json");
  writeFileSync(demo, JSON.stringify(REGISTRY));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CELLS = ["Chi bộ thôn mẫu 01", "Chi bộ thôn mẫu 02", "Chi bộ Thôn mẫu 03", "Chi bộ khu phố mẫu 04", "Chi bộ Trường mẫu 05", "CHI BỘ THÔN MẪU 06"];
const rows = (): (string | number)[][] => [
  ["ĐẢNG BỘ XÃ MẪU 01"],
  ["STT", "Tên chi bộ", "Tổng số đảng viên", "Số đảng viên kết nạp trong kỳ"],
  ...CELLS.map((n, i) => [i + 1, n, 10 + i, i % 2]),
];

/**
 * A commune's table of party cells the registry does not know: "Chi bộ thôn …" contains the
 * catalog's "chi bộ thôn" (villages with a cell), which once read the table as transposed and
 * gave no unit issue at all.
 */
describe("unknown party-cell rows", () => {
  it("are names of units, while the catalog's 'Chi bộ thôn', 'Chi bộ đạt TSVM', 'Chi bộ trực thuộc' stay indicator labels", () => {
    for (const n of CELLS) expect(isUnitName(n), n).toBe(true);
    for (const n of ["Chi bộ thôn", "Chi bộ thôn, khu phố", "Chi bộ đạt TSVM", "Chi bộ trực thuộc", "Chi bộ cơ sở xã, phường, đặc khu", "Chi bộ yếu kém", "Chi bộ trường học", "Chi bộ trạm y tế"]) expect(isUnitName(n), n).toBe(false);
    expect(classifySheet({ name: "Chi bộ", values: rows() }, getCatalog()).kind).toBe("units");
  });

  it("htct validate reports each with its cell and the closest names, and exits 1", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Chi bộ").addRows(rows());
    const path = join(dir, "chi-bo.xlsx");
    await wb.xlsx.writeFile(path);
    const r = await runCli(["validate", path, "--period", "2026", "--json", "--registry", demo]);
    const json = JSON.parse(r.out) as { sheets: Array<{ kind: string; units: Array<{ row: number; unitId: string | null }> }>; issues: Array<{ rule: string; cells: string[]; message: string; hint: string }> };
    expect(json.sheets[0]!.kind).toBe("units");
    expect(json.sheets[0]!.units.map((u) => [u.row, u.unitId])).toEqual(CELLS.map((_, i) => [i + 3, null]));
    const unknown = json.issues.filter((i) => i.rule === "unit_unknown");
    expect(unknown.map((i) => i.cells[0])).toEqual(["B3", "B4", "B5", "B6", "B7", "B8"]);
    expect(unknown[0]!.message).toBe("Ô B3: không tìm thấy đơn vị \"Chi bộ thôn mẫu 01\" trong danh mục.");
    for (const i of unknown.slice(0, 3)) expect(i.hint, i.message).toMatch(/^Có phải là ".+"/);
    expect(unknown[0]!.hint).toContain("Chi bộ mẫu 01");
    expect(r.code).toBe(1);
  });
});
