import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OrgUnitRegistry, registryFromGrid, type CellValue } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { runCli, seedWorkbook } from "./run-cli.ts";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "htct-reg-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const HEADER = ["Mã", "Tên đơn vị", "Cấp", "Loại", "Đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến", "Tiền thân", "Mẫu"];
const GOOD: CellValue[][] = [
  ["DANH MỤC ĐƠN VỊ HÀNH CHÍNH"],
  HEADER,
  ["QP", "Tỉnh mẫu", "tỉnh", "Tỉnh", "", "", "", "", "x"],
  ["QP-D1", "Huyện mẫu 1", "huyện", "Huyện", "QP", "", "30/06/2025", "", "x"],
  ["QP-D1-01", "Xã mẫu A", "xã", "Xã", "QP-D1", "", new Date(Date.UTC(2025, 5, 30)), "", "x"],
  ["QP-D1-02", "Xã mẫu B", "xã", "Xã", "QP-D1", "", "2025-06-30", "", "x"],
  ["QP-M01", "Xã mẫu 01", "commune", "xa", "QP", "01/07/2025", "", "QP-D1-01; QP-D1-02", "x"],
  ["QP-M02", "Đặc khu mẫu", "xã", "Đặc khu", "QP", "1/7/2025", "", "", "có"],
  ["QP-M02-M01", "Chi bộ mẫu 01", "chi bộ", "Chi bộ", "QP-M02", "01/07/2025", "", "", "x"],
];

async function workbook(name: string, rows: CellValue[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh mục");
  for (const r of rows) ws.addRow(r.map((v) => (v && typeof v === "object" && !(v instanceof Date) ? null : v)));
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("registry from a workbook (shared)", () => {
  it("reads levels and types as people write them, dates in any common form, predecessors as a list", () => {
    const { units, problems } = registryFromGrid({ name: "Danh mục", values: GOOD });
    expect(problems).toEqual([]);
    expect(units.map((u) => [u.code, u.level, u.type])).toEqual([
      ["QP", "province", "tinh"], ["QP-D1", "district", "huyen"], ["QP-D1-01", "commune", "xa"], ["QP-D1-02", "commune", "xa"],
      ["QP-M01", "commune", "xa"], ["QP-M02", "commune", "dac_khu"], ["QP-M02-M01", "cell", "chi_bo"],
    ]);
    expect(units[2]!.validTo).toBe("2025-06-30");
    expect(units[4]).toMatchObject({ validFrom: "2025-07-01", predecessors: ["QP-D1-01", "QP-D1-02"], sample: true });
    expect(OrgUnitRegistry.parse(units)).toHaveLength(7);
  });

  it("names every bad row by its sheet row, and returns no units to use", () => {
    const bad = [...GOOD,
      ["QP-M01", "Trùng mã", "xã", "Xã", "QP", "01/07/2025", "", "", "x"],
      ["QP-M03", "Xã mẫu 03", "xã", "Xã", "QP", "31/02/2025", "", "", "x"],
      ["QP-M04", "Xã mẫu 04", "xã", "Xã", "QP", "02/07/2025", "", "QP-D1-01", "x"],
      ["qp m05", "Xã mẫu 05", "ấp", "Xã", "QP", "", "", "", "x"],
      ["QP-M06", "Xã mẫu 06", "xã", "Xã", "QP-NOPE", "", "", "", "x"],
      ["=cmd|' /C calc'!A0", "Công thức", "xã", "Xã", "QP", "", "", "", ""],
    ];
    const { problems } = registryFromGrid({ name: "Danh mục", values: bad });
    const rows = [...new Set(problems.map((p) => p.row))];
    expect(rows).toEqual([10, 11, 12, 13, 14, 15]);
    expect(problems.every((p) => p.message.vi.startsWith(`Dòng ${p.row}`))).toBe(true);
  });

  it("refuses a sheet without a header, an empty one, and one over the row limit", () => {
    expect(registryFromGrid({ name: "x", values: [["a", "b"], [1, 2]] }).problems[0]!.field).toBe("(header)");
    expect(registryFromGrid({ name: "x", values: [HEADER] }).problems[0]!.field).toBe("(rows)");
    expect(registryFromGrid({ name: "x", values: [["Mã", "Tên"], ["A", "B"]] }).problems[0]!.field).toBe("level");
    const huge = [HEADER, ...Array.from({ length: 20_001 }, (_, i) => [`X${i}`, "x", "xã", "Xã", "QP"])];
    expect(registryFromGrid({ name: "x", values: huge }).problems[0]!.message.en).toContain("limit");
  });
});

describe("htct registry import", () => {
  it("writes the registry JSON from a workbook", async () => {
    const file = await workbook("good.xlsx", GOOD);
    const out = join(dir, "good.json");
    const r = await runCli(["registry", "import", file, "-o", out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("7 đơn vị");
    const units = OrgUnitRegistry.parse(JSON.parse(readFileSync(out, "utf8")));
    expect(units.find((u) => u.code === "QP-M01")!.predecessors).toEqual(["QP-D1-01", "QP-D1-02"]);
    const json = await runCli(["registry", "import", file, "--json", "--lang", "en"]);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true });
  });

  it("exits 1 with one message per bad row and writes nothing", async () => {
    const file = await workbook("bad.xlsx", [...GOOD, ["QP-M01", "Trùng", "xã", "Xã", "QP", "", "", "", "x"], ["QP-M09", "X", "xã", "Xã", "QP", "hôm qua", "", "", "x"]]);
    const out = join(dir, "bad.json");
    const r = await runCli(["registry", "import", file, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Dòng 10");
    expect(r.err).toContain("Dòng 11");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses bad arguments and unreadable files with exit 2", async () => {
    expect((await runCli(["registry"])).code).toBe(2);
    expect((await runCli(["registry", "export", "x.xlsx"])).code).toBe(2);
    expect((await runCli(["registry", "import", join(dir, "missing.xlsx")])).code).toBe(2);
    const junk = join(dir, "junk.xlsx");
    writeFileSync(junk, "not a workbook");
    const r = await runCli(["registry", "import", junk]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(".xlsx");
  });
});

describe("htct validate and template in a period's units", () => {
  it("matches the rows against the units of --period: Hàm Tân's communes are fine in 2015 and errors in 2026, saying when they existed", async () => {
    const file = seedWorkbook("ham-tan-khong-dau.xlsx");
    // The demo's registry alone: in the national one these names are also real communes of Lâm Đồng since 2025.
    const demo = join(dir, "demo-registry.json");
    writeFileSync(demo, JSON.stringify(REGISTRY));
    const then = await runCli(["validate", file, "--period", "2015", "--json", "--registry", demo]);
    expect(then.code, then.out.slice(0, 400)).toBe(0);
    const now = await runCli(["validate", file, "--period", "2026", "--json", "--registry", demo]);
    expect(now.code).toBe(1);
    const issues = JSON.parse(now.out).issues.filter((i: { rule: string }) => i.rule === "unit_not_in_period");
    expect(issues).toHaveLength(10);
    expect(issues[0].message).toContain("30/06/2025");
  });

  it("refuses a malformed --period with exit 2", async () => {
    for (const p of ["2026-13", "26", "2026-Q5", "2026-06-01", "' or 1=1"]) {
      const r = await runCli(["validate", seedWorkbook("ham-tan-khong-dau.xlsx"), "--period", p]);
      expect(r.code, p).toBe(2);
      expect(r.err).toContain("--period");
    }
  });

  it("makes a commune's blank form of its party cells in the two-tier structure", async () => {
    const out = join(dir, "mau-xa.xlsx");
    const r = await runCli(["template", "-o", out, "--unit", "LDG-M01", "--period", "2026"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Xã mẫu 01 (3 đơn vị)");
  });
});
