import { describe, expect, it } from "vitest";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { layoutRollup } from "../../shared/report/rollup-layout.ts";
import { columnPoints, MIN_PRINTED_PT } from "../../shared/report/print-plan.ts";
import { writeRollupWorkbook } from "../../cli/rollup.ts";
import { writeStatusWorkbook } from "../../cli/status.ts";
import { STATUS_WIDTHS } from "../../shared/report/status-layout.ts";
import { planPrint } from "../../shared/report/print-plan.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { rollupFrom } from "../shared/rollup-fixture.ts";
import { scorecard } from "../../shared/quality/scorecard.ts";
import { layoutScorecard } from "../../shared/quality/scorecard-layout.ts";
import { layoutDetail } from "../../shared/report/detail-layout.ts";
import type { DetailResponse } from "../../shared/contract/index.ts";
import { writeScorecardWorkbook } from "../../cli/scorecard.ts";
import { writeDetailWorkbook } from "../../cli/detail.ts";

const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const communes = Object.fromEntries(hamTanCommuneValues().map((u) => [u.unit, u.values]));
const rollup = rollupFrom({ registry: BTH, province: "BTH", period: "2015", values: new Map([["BTH-HTN", communes]]) });
const L = layoutRollup(rollup, "vi");
const PAGE = 842 - 2 * 0.4 * 72;

describe("the print plan of a wide rollup", () => {
  it("prints in groups of columns at 8 pt or more instead of fitting 38 columns to one width", () => {
    expect(L.codes.filter((c) => c !== null).length).toBeGreaterThan(30);
    const p = L.plan;
    expect(p.fitToWidth).toBe(false);
    expect(p.printedPt).toBeGreaterThanOrEqual(MIN_PRINTED_PT);
    expect(p.columnBreaks.length).toBeGreaterThan(1);
    expect(p.repeatColumns).toEqual([0, 0]);
    // Each page across: the unit column and its columns fit the printable width at the plan's scale.
    const pts = L.widths.map((w, c) => (L.hidden.includes(c) ? 0 : columnPoints(w)));
    const starts = [1, ...p.columnBreaks], ends = [...p.columnBreaks, L.widths.length];
    starts.forEach((s, i) => {
      const w = pts[0]! + pts.slice(s, ends[i]).reduce((a, b) => a + b, 0);
      expect(w * (p.scale / 100), `page ${i + 1}`).toBeLessThanOrEqual(PAGE + 0.01);
    });
    // A catalog group that fits on a page is never cut; only a group wider than a page is.
    const room = PAGE - pts[0]!;
    let kept = 0;
    for (const g of L.groups) {
      if (pts.slice(g.from, g.to + 1).reduce((a, b) => a + b, 0) > room) continue;
      kept++;
      expect(p.columnBreaks.filter((b) => b > g.from && b <= g.to), g.label).toEqual([]);
    }
    expect(kept).toBeGreaterThan(3);
  });

  it("a sheet narrow enough is fitted to one width, still at 8 pt or more", () => {
    const p = planPrint({ widths: [28, 12, 14, 14], lead: 1, repeatRows: [3, 4], orientation: "portrait" }, "vi");
    expect(p).toMatchObject({ fitToWidth: true, columnBreaks: [], repeatColumns: null, footer: "&L&A&RTrang &P/&N" });
    expect(p.printedPt).toBeGreaterThanOrEqual(MIN_PRINTED_PT);
    expect(planPrint({ widths: [28], lead: 1, repeatRows: [0, 0], orientation: "portrait" }, "en").footer).toBe("&L&A&RPage &P of &N");
  });

  it("a header row tall enough for its longest label wrapped", () => {
    expect(L.headerHeight).toBeGreaterThanOrEqual(15 * 3);
  });
});

describe("htct rollup's .xlsx prints as planned (the file read back)", () => {
  it("column breaks, scale, print titles, footer, hidden code column, frozen panes, header height", async () => {
    const dir = await mkdtemp(join(tmpdir(), "htct-print-"));
    const file = join(dir, "tong-hop.xlsx");
    await writeRollupWorkbook(file, rollup, "vi");
    const zip = await JSZip.loadAsync(await readFile(file));
    const book = await zip.file("xl/workbook.xml")!.async("string");
    const sheetPath = Object.keys(zip.files).find((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))!;
    const xml = await zip.file(sheetPath)!.async("string");
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks).toEqual(L.plan.columnBreaks);
    expect(xml).toMatch(/<colBreaks count="\d+" manualBreakCount="\d+">/);
    expect(xml).toMatch(new RegExp(`<pageSetup[^>]*scale="${L.plan.scale}"`));
    expect(xml).not.toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
    expect(xml).toContain("<oddFooter>&amp;L&amp;A&amp;RTrang &amp;P/&amp;N</oddFooter>");
    const [r0, r1] = L.plan.repeatRows.map((r) => r + 1);
    expect(book).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Tổng hợp tỉnh&apos;!$A:$A,&apos;Tổng hợp tỉnh&apos;!$${r0}:$${r1}</definedName>`);
    // Read back as Excel would: the code column hidden, units by name under "Đơn vị", panes frozen.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getColumn(2).hidden).toBe(true);
    expect(ws.getRow(L.headerRow + 1).getCell(1).value).toBe("Đơn vị");
    expect(ws.getRow(L.headerRow + 2).getCell(1).value).toBe("Hàm Tân");
    expect(ws.getRow(L.headerRow + 1).height).toBe(L.headerHeight);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: L.headerRow + 1 });
  });
});

describe("htct status's .xlsx prints readably (the file read back)", () => {
  it("landscape where portrait would print below 8 pt; the units' header repeated, in view and tall enough; a footer with page numbers", async () => {
    expect(planPrint({ widths: [...STATUS_WIDTHS], lead: 1, repeatRows: [0, 0], orientation: "portrait" }, "vi").fitToWidth).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), "htct-print-"));
    const file = join(dir, "tinh-hinh.xlsx");
    await writeStatusWorkbook(file, rollup, "vi");
    const zip = await JSZip.loadAsync(await readFile(file));
    const xml = await zip.file(Object.keys(zip.files).find((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))!)!.async("string");
    expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(xml).toContain("<oddFooter>&amp;L&amp;A&amp;RTrang &amp;P/&amp;N</oddFooter>");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    let head = 0;
    ws.eachRow((row, n) => { if (row.getCell(1).value === "Đơn vị") head = n; });
    expect(head).toBeGreaterThan(0);
    expect(await zip.file("xl/workbook.xml")!.async("string")).toContain(`!$${head}:$${head}</definedName>`);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: head });
    expect(ws.getRow(head).height).toBeGreaterThanOrEqual(15);
  });
});

describe("htct status, scorecard and detail sheets print like the rollup (the files read back)", () => {
  const sheetXml = async (file: string) => {
    const zip = await JSZip.loadAsync(await readFile(file));
    return { zip, xml: await zip.file(Object.keys(zip.files).find((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))!)!.async("string"), book: await zip.file("xl/workbook.xml")!.async("string") };
  };

  it("the status sheet shows units by name under 'Đơn vị' and keeps their codes in a hidden machine column", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "htct-print-")), "tinh-hinh.xlsx");
    await writeStatusWorkbook(file, rollup, "vi");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    let head = 0;
    ws.eachRow((row, n) => { if (row.getCell(1).value === "Đơn vị") head = n; });
    expect(ws.getRow(head).getCell(8).value).toBe("Mã");
    expect(ws.getRow(head + 1).getCell(1).value).toBe("Hàm Tân");
    expect(ws.getRow(head + 1).getCell(8).value).toBe("BTH-HTN");
    expect(ws.getColumn(8).hidden).toBe(true);
    // No other visible cell holds a code.
    const shown: string[] = [];
    ws.eachRow((row) => row.eachCell((c, col) => { if (col !== 8) shown.push(String(c.value)); }));
    expect(shown.join(" ")).not.toContain("BTH-HTN");
  });

  it("the scorecard: header repeated, rank and unit as print titles, page numbers, frozen below the header, text at 8 pt or more", async () => {
    const sc = scorecard({ province: "BTH", period: "2015", units: [{ unit: "BTH-HTN", name: "Hàm Tân", status: "on_time", submitted: true, communesExpected: 10, communesReported: 10, records: [], values: {}, history: [] }], provinceValues: {}, provinceHistory: [], now: new Date("2016-01-20T00:00:00Z") });
    const file = join(await mkdtemp(join(tmpdir(), "htct-print-")), "chat-luong.xlsx");
    await writeScorecardWorkbook(file, sc, "vi", "Bình Thuận");
    const S = layoutScorecard(sc, "vi");
    const { xml, book } = await sheetXml(file);
    expect(xml).toContain("<oddFooter>&amp;L&amp;A&amp;RTrang &amp;P/&amp;N</oddFooter>");
    expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    const r = S.headerRow + 1;
    expect(book).toContain(`!$${r}:$${r}</definedName>`);
    expect(S.plan.printedPt).toBeGreaterThanOrEqual(MIN_PRINTED_PT);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(r).getCell(2).value).toBe("Đơn vị");
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: r });
  });

  it("a wide detail sheet prints in groups of columns with the unit column repeated, not fitted to 4 pt", async () => {
    const values = communes["BTH-HTN-01"]!;
    const detail: DetailResponse = {
      province: "BTH", provinceName: "Bình Thuận", period: "2015", catalogVersion: "1", computedAt: "2016-01-20T00:00:00Z",
      unit: "BTH-HTN", name: "Hàm Tân", level: "district", reportingUnit: "BTH-HTN", reportingUnitName: "Hàm Tân", version: 1,
      lastSubmittedAt: "2016-01-10T00:00:00Z", lastUser: "clerk-BTH-HTN", total: { reported: true, values: values as Record<string, number> },
      rows: [{ unit: "BTH-HTN-01", name: "Tân Minh", level: "commune", parent: "BTH-HTN", depth: 1, reported: true, values: values as Record<string, number> }],
      history: [], historyTruncated: false, people: { "clerk-BTH-HTN": "Cán bộ huyện Hàm Tân" },
    };
    const D = layoutDetail(detail, "vi");
    expect(D.plan.fitToWidth).toBe(false);
    expect(D.plan.printedPt).toBeGreaterThanOrEqual(MIN_PRINTED_PT);
    expect(D.plan.columnBreaks.length).toBeGreaterThan(0);
    expect(D.title[2]).toContain("bởi Cán bộ huyện Hàm Tân");
    const file = join(await mkdtemp(join(tmpdir(), "htct-print-")), "chi-tiet.xlsx");
    await writeDetailWorkbook(file, detail, "vi");
    const { xml, book } = await sheetXml(file);
    expect([...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(D.plan.columnBreaks);
    expect(xml).toMatch(new RegExp(`<pageSetup[^>]*scale="${D.plan.scale}"`));
    expect(xml).toContain("<oddFooter>&amp;L&amp;A&amp;RTrang &amp;P/&amp;N</oddFooter>");
    expect(book).toMatch(/!\$A:\$A,[^<]*!\$\d+:\$\d+<\/definedName>/);
    // Read as a reader would: the code column (B, under both tables) hidden, no code or login in any other cell, panes frozen both ways.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getColumn(2).hidden).toBe(true);
    expect(ws.getRow(D.historyRow + 2).getCell(2).value).toBe("Mã");
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: D.headerRow + 1 });
    const shown: string[] = [];
    ws.eachRow((row) => row.eachCell((c, col) => { if (!ws.getColumn(col).hidden) shown.push(String(c.value)); }));
    expect(shown.filter((t) => /^BTH-HTN(-\d+)?$/.test(t) || t.includes("clerk-"))).toEqual([]);
  });
});
