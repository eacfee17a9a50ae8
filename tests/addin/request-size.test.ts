// Request sizes as the real office.js request builder makes them: the stand-in mirrors every call
// onto @microsoft/office-js' own Excel runtime (office-js-node.ts) and counts the request it builds.
import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { FakeExcelHost, FakeWorkbook, WEB_PAYLOAD_LIMIT } from "./fake-excel/index.ts";
import { officeJsRequestBuilder } from "./fake-excel/office-js-node.ts";
import { unitWorkbook, validate } from "./sheets.ts";

function book(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.add("A");
  return wb;
}

async function fillCells(host: FakeExcelHost, n: number): Promise<string | null> {
  try {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("A");
      for (let r = 1; r <= n; r++) ws.getRange(`B${r}`).format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe("fake Excel: request sizes from the real office.js request builder", () => {
  it("per-cell fills: office.js sends a keep-reference action per range, about a third more than the stand-in's own count", async () => {
    const host = new FakeExcelHost(book(), { requestBuilder: officeJsRequestBuilder });
    expect(await fillCells(host, 100)).toBeNull();
    const [sync] = host.syncs;
    expect(sync!.countedBy).toBe("office.js");
    expect(host.mirrorProblems).toEqual([]);
    expect(sync!.requestBytes).toBeGreaterThan(sync!.standInBytes * 1.2);
    // Instantiate getRange, format, fill, set colour — and office.js' _KeepReference for each range.
    expect(sync!.realActions).toBeGreaterThan(sync!.actions);
  });

  it("a batch the stand-in alone would let through is refused on the web once office.js' real size counts", async () => {
    const alone = new FakeExcelHost(book());
    expect(await fillCells(alone, 7000)).toBeNull();
    expect(alone.maxRequestBytes).toBeLessThan(WEB_PAYLOAD_LIMIT);
    const real = new FakeExcelHost(book(), { requestBuilder: officeJsRequestBuilder });
    expect(await fillCells(real, 7000)).toBe("RequestPayloadSizeLimitExceeded");
    expect(real.syncs[0]!.requestBytes).toBeGreaterThan(WEB_PAYLOAD_LIMIT);
    // Nothing of the refused request reached the sheet.
    expect(real.workbook.sheet("A")!.get(0, 1)?.fill ?? null).toBeNull();
  });

  it("Excel.run's clean-up request (releasing the kept ranges) is recorded and counts toward the largest request", async () => {
    const host = new FakeExcelHost(book(), { requestBuilder: officeJsRequestBuilder });
    expect(await fillCells(host, 2000)).toBeNull();
    expect(host.cleanupRequests.length).toBe(1);
    expect(host.cleanupRequests[0]!.bytes).toBeGreaterThan(100_000);
    expect(host.maxRequestBytes).toBe(Math.max(host.syncs[0]!.requestBytes, host.cleanupRequests[0]!.bytes));
  });

  it("writes over 1,500 cells are split as office.js splits them from ExcelApi 1.3, not at 1.2", async () => {
    const actions: Record<string, number> = {};
    for (const excelApi of ["1.2", "1.3"]) {
      const host = new FakeExcelHost(book(), { excelApi, requestBuilder: officeJsRequestBuilder });
      await host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("A").getRange("A1:A3000").values = Array.from({ length: 3000 }, (_, i) => [i]);
        await ctx.sync();
      });
      expect(host.syncs[0]!.countedBy).toBe("office.js");
      actions[excelApi] = host.syncs[0]!.realActions;
      expect(host.workbook.sheet("A")!.get(2999, 0)?.value).toBe(2999);
    }
    // Two chunks of 1,500 rows: getRow, getBoundingRect and a Values set for each.
    expect(actions["1.3"]!).toBeGreaterThan(actions["1.2"]! + 4);
  });

  it.each(["1.2", "1.9", "1.18"])("the adapter's check, marks and clear are mirrored whole at ExcelApi %s, each request under 4 MB", async (excelApi) => {
    const host = new FakeExcelHost(unitWorkbook(500), { excelApi, requestBuilder: officeJsRequestBuilder });
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const known = await adapter.listSheets();
    const snap = await adapter.readSheet(undefined, { others: true, known });
    const issues = validate(snap);
    expect((await adapter.annotate(issues, "vi", snap.sheets)).marked).toBeGreaterThan(0);
    expect((await adapter.clear()).cleared).toBe(true);
    expect(host.mirrorProblems).toEqual([]);
    expect(host.syncs.every((s) => s.countedBy === "office.js")).toBe(true);
    expect(host.maxRequestBytes).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);
});
