import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { FakeExcelHost, FakeWorkbook, snapshot } from "./fake-excel/index.ts";
import { districtWorkbook, validate } from "./sheets.ts";

const MB4 = 4 * 1024 * 1024;

function setup(wb: FakeWorkbook, excelApi = "1.18") {
  const host = new FakeExcelHost(wb, { excelApi });
  return { host, adapter: new ExcelAdapter(host.run, capabilities(host.office)) };
}

/** Values and formulas of every cell of a sheet: what the clerk typed. */
function contents(wb: FakeWorkbook, sheet: string) {
  const s = wb.sheet(sheet)!;
  return [...s.entries()].filter(([, , c]) => c.value !== "" || c.formula).map(([r, c, cell]) => `${r},${c}=${JSON.stringify(cell.value)}|${cell.formula}`).sort();
}

describe("Excel adapter: reading", () => {
  it("reads values and number formats of the used range in one sync, with its origin", async () => {
    const { host, adapter } = setup(districtWorkbook(5));
    const snap = await adapter.readSheet();
    expect(host.syncCount).toBe(1);
    expect(snap.grid.name).toBe("Báo cáo");
    // The table starts in column B: the grid starts there too, and says so.
    expect(snap.grid.origin).toEqual({ row: 0, col: 1 });
    expect(snap.grid.values[2]![0]).toBe("STT");
    expect(snap.grid.values[1]![0]).toBeNull();
    expect(snap.sheets.map((s) => s.name)).toEqual(["Báo cáo", "Nguồn"]);
  });

  it("falls back to getUsedRange() without ExcelApi 1.2", async () => {
    const { host, adapter } = setup(districtWorkbook(5), "1.1");
    const snap = await adapter.readSheet("Báo cáo");
    expect(host.syncCount).toBe(1);
    expect(snap.grid.values.length).toBe(8);
  });
});

describe("Excel adapter: validate + annotate + report", () => {
  const sizes = [10, 100, 1000, 10_000];
  const measured: { rows: number; issues: number; syncs: number; reSyncs: number; maxRequest: number; maxResponse: number }[] = [];

  it.each(sizes)("costs the same syncs, each request under 4 MB, at %i rows", async (rows) => {
    const { host, adapter } = setup(districtWorkbook(rows));
    const snap = await adapter.readSheet();
    const issues = validate(snap);
    const result = await adapter.annotate(issues, "vi", snap.sheets);
    const first = host.syncCount;
    // Annotating again undoes the first annotation in the same pass.
    const snap2 = await adapter.readSheet();
    await adapter.annotate(validate(snap2), "vi", snap2.sheets);
    const again = host.syncCount - first;
    measured.push({ rows, issues: issues.length, syncs: first, reSyncs: again, maxRequest: host.maxRequestBytes, maxResponse: host.maxResponseBytes });
    expect(result.marked).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(4);
    expect(again).toBeLessThanOrEqual(4);
    expect(host.maxRequestBytes).toBeLessThan(MB4);
  });

  it("sync counts do not grow with rows", () => {
    expect(measured.length).toBe(sizes.length);
    expect(new Set(measured.map((m) => m.syncs)).size).toBe(1);
    expect(new Set(measured.map((m) => m.reSyncs)).size).toBe(1);
    console.log(JSON.stringify(measured));
  });

  it("never changes the clerk's values or formulas", async () => {
    const wb = districtWorkbook(200);
    const before = contents(wb, "Báo cáo");
    const { adapter } = setup(wb);
    const snap = await adapter.readSheet();
    await adapter.annotate(validate(snap), "vi", snap.sheets);
    expect(contents(wb, "Báo cáo")).toEqual(before);
  });

  it("fills by severity, notes the primary cell, links every issue from the report", async () => {
    const wb = districtWorkbook(30);
    const { adapter } = setup(wb);
    const snap = await adapter.readSheet();
    const issues = validate(snap);
    const r = await adapter.annotate(issues, "vi", snap.sheets);
    const s = wb.sheet("Báo cáo")!;
    // Row 10 (sheet row 13): admitted (E13) > members (D13).
    expect(s.get(12, 4)!.fill).toEqual({ color: "#FFEB9C", pattern: "Solid" });
    expect(s.get(12, 4)!.note).toContain("Xã Thử Nghiệm 10");
    expect(r.notes).toBeGreaterThan(0);
    const report = wb.sheet("Kiểm tra")!;
    expect(report.get(0, 0)!.value).toBe("Mức độ");
    const links = [...report.entries()].filter(([, c, cell]) => c === 2 && cell.formula);
    expect(links.length).toBe(issues.filter((i) => i.cells.length).length);
    expect(wb.sheet("_htct_annotations")!.visibility).toBe("VeryHidden");
  });

  it("degrades without notes (ExcelApi 1.1): fills and report only", async () => {
    const wb = districtWorkbook(30);
    const notesBefore = [...wb.sheet("Báo cáo")!.entries()].filter(([, , c]) => c.note).length;
    const { adapter } = setup(wb, "1.1");
    const snap = await adapter.readSheet();
    const r = await adapter.annotate(validate(snap), "vi", snap.sheets);
    expect(r.notes).toBe(0);
    expect([...wb.sheet("Báo cáo")!.entries()].filter(([, , c]) => c.note).length).toBe(notesBefore);
    expect(wb.sheet("Kiểm tra")).toBeDefined();
  });

  it("writes text that starts with = + - @ as text in the report", async () => {
    const wb = districtWorkbook(3);
    const { adapter } = setup(wb);
    const snap = await adapter.readSheet();
    await adapter.annotate([{ severity: "error", rule: "x", sheet: "Báo cáo", cells: ["C4"], unit: "=SUM(A1)", indicators: [], message: "+1 lỗi", hint: "@ai" }], "vi", snap.sheets);
    const row = wb.sheet("Kiểm tra")!;
    expect(row.get(1, 3)).toMatchObject({ value: "=SUM(A1)", formula: null });
    expect(row.get(1, 4)).toMatchObject({ value: "+1 lỗi", formula: null });
    expect(row.get(1, 5)).toMatchObject({ value: "@ai", formula: null });
  });

  it("does not replace a sheet of the clerk's that is called Kiểm tra", async () => {
    const wb = districtWorkbook(10);
    wb.add("Kiểm tra").cell(0, 0).value = "của tôi";
    const { adapter } = setup(wb);
    const snap = await adapter.readSheet("Báo cáo");
    const r = await adapter.annotate(validate(snap), "vi", snap.sheets);
    expect(r.reportSheet).toBe("Kiểm tra (2)");
    expect(wb.sheet("Kiểm tra")!.get(0, 0)!.value).toBe("của tôi");
    await adapter.clear();
    expect(wb.sheet("Kiểm tra (2)")).toBeUndefined();
    expect(wb.sheet("Kiểm tra")!.get(0, 0)!.value).toBe("của tôi");
  });
});

describe("Excel adapter: clear", () => {
  it.each(["1.18", "1.9", "1.4", "1.1"])("restores values, fills and notes exactly (ExcelApi %s)", async (api) => {
    const wb = districtWorkbook(120);
    // Without fill patterns (before 1.9) a white fill cannot be told from none; use none there.
    if (api !== "1.18" && api !== "1.9") for (const [, , c] of wb.sheet("Báo cáo")!.entries()) if (c.fill?.color === "#FFFFFF") c.fill = null;
    const before = snapshot(wb);
    const { adapter } = setup(wb, api);
    const snap = await adapter.readSheet();
    await adapter.annotate(validate(snap), "vi", snap.sheets);
    expect(snapshot(wb)).not.toEqual(before);
    const { cleared, syncs } = await adapter.clear();
    expect(cleared).toBe(true);
    expect(syncs).toBeLessThanOrEqual(4);
    expect(snapshot(wb)).toEqual(before);
  });

  it("answers false when nothing was annotated", async () => {
    const { adapter } = setup(districtWorkbook(3));
    expect((await adapter.clear()).cleared).toBe(false);
  });
});

describe("Excel adapter: addresses", () => {
  it("issues point at the cells that hold the offending values, though the table starts in column B", async () => {
    const { adapter } = setup(districtWorkbook(10));
    const snap = await adapter.readSheet();
    const issue = validate(snap).find((i) => i.rule === "part_le_whole" && i.indicators[0] === "members.admitted")!;
    // Row 10 (sheet row 13): 900 admitted of 110 members; "admitted" is column E, members D.
    expect(issue.cells).toEqual(["E13", "D13"]);
  });
});

describe("Excel adapter: a sheet too large for one answer", () => {
  it("reads it again in blocks of rows when Excel on the web refuses the 5 MB answer, and gets the same grid", async () => {
    const wb = new FakeWorkbook();
    const s = wb.add("Lớn");
    // 6,000 rows × 60 columns of text: well over 5 MB in one answer.
    s.cell(0, 0).value = "Đơn vị";
    for (let c = 1; c < 60; c++) s.cell(0, c).value = `Cột ${c} có tiêu đề dài để câu trả lời lớn`;
    for (let r = 1; r <= 6000; r++) {
      s.cell(r, 0).value = `Xã thử nghiệm số ${r}`;
      for (let c = 1; c < 60; c++) s.cell(r, c).value = `giá trị ${r}-${c} dạng văn bản khá dài`;
    }
    const host = new FakeExcelHost(wb, { excelApi: "1.18" });
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const snap = await adapter.readSheet("Lớn");
    expect(host.syncCount).toBeGreaterThan(2);
    // The first answer was refused; every block after it fits.
    expect(host.syncs[0]!.responseBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(Math.max(...host.syncs.slice(1).map((x) => x.responseBytes))).toBeLessThan(5 * 1024 * 1024);
    expect(snap.grid.values).toHaveLength(6001);
    expect(snap.grid.values[6000]![59]).toBe("giá trị 6000-59 dạng văn bản khá dài");
    expect(snap.grid.values[0]![0]).toBe("Đơn vị");
  });
});
