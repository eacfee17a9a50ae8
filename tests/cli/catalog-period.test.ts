import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { runCli } from "./run-cli.ts";

let dir = "";
let demo = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "htct-catalog-period-"));
  demo = join(dir, "demo-registry.json");
  writeFileSync(demo, JSON.stringify(REGISTRY));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = { sheets: Array<{ mapping: Array<{ header: string; indicator: string }> }>; issues: Array<{ rule: string; severity: string; message: string }> };

/** The demo's new-structure sample communes of Lâm Đồng, with both the old and the new count columns. */
async function sheet(file: string, total: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tổng hợp");
  ws.addRow(["Đơn vị", "Số xã, phường, đặc khu", "Số xã", "Số phường", "Số đặc khu", "Số thị trấn", "Tổng số đảng viên", "Số chi bộ trực thuộc", "Số thôn, bản, khu phố, tổ dân phố"]);
  for (const n of ["Xã mẫu 01", "Xã mẫu 02", "Xã mẫu 03", "Xã mẫu 04"]) ws.addRow([n, 1, 1, 0, 0, 0, 200, 6, 8]);
  ws.addRow(["Đặc khu mẫu", 1, 0, 0, 1, 0, 200, 6, 8]);
  ws.addRow(["Tổng cộng", total, 4, 0, 1, 0, 1000, 30, 40]);
  const path = join(dir, file);
  await wb.xlsx.writeFile(path);
  return path;
}

const run = async (path: string, period: string) => {
  const r = await runCli(["validate", path, "--period", period, "--json", "--registry", demo]);
  return { code: r.code, json: JSON.parse(r.out) as Json };
};
const taken = (j: Json) => j.sheets[0]!.mapping.map((m) => m.indicator);

describe("htct validate reads with the period's catalog", () => {
  it("from 1/7/2025: đặc khu counted in 'Số xã, phường, đặc khu', a thị trấn column not taken, exit 0", async () => {
    const { code, json } = await run(await sheet("ok.xlsx", 5), "2026");
    expect(taken(json)).toContain("org.communes.dac_khu");
    expect(taken(json)).not.toContain("org.communes.thi_tran");
    expect(json.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(json.issues.find((i) => i.rule === "unmapped_column")?.message).toContain("Số thị trấn");
    expect(code).toBe(0);
  });

  it("from 1/7/2025: a wrong total is judged against xã + phường + đặc khu, with the period's label", async () => {
    const { code, json } = await run(await sheet("wrong.xlsx", 6), "2026-H2");
    expect(json.issues.filter((i) => i.rule === "sum_total").map((i) => i.message)).toEqual(["Tổng cộng: \"Số xã, phường, đặc khu\" ghi 6 nhưng cộng các thành phần được 5."]);
    expect(code).toBe(1);
  });

  it("before 1/7/2025: thị trấn taken, no đặc khu, the old label", async () => {
    const { json } = await run(await sheet("old.xlsx", 5), "2024");
    expect(taken(json)).toContain("org.communes.thi_tran");
    expect(taken(json)).not.toContain("org.communes.dac_khu");
    expect(json.issues.filter((i) => i.rule === "sum_total").map((i) => i.message)).toContain("Tổng cộng: \"Số xã, phường, thị trấn\" ghi 5 nhưng cộng các thành phần được 4.");
  });
});
