import { describe, expect, it } from "vitest";
import type { XlContext } from "../../addin/src/excel/surface.ts";
import { EXCEL_API_SETS } from "./fake-excel/api-sets.ts";
import { deriveApiSets, officeTypes, renderApiSets } from "./fake-excel/api-sets-gen.ts";
import { coerce } from "./fake-excel/coerce.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";
import { officeJsRequestBuilder } from "./fake-excel/office-js-node.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The stand-in must refuse what Excel refuses; each rule here is one Excel is known to apply. */
function book(...names: string[]): FakeWorkbook {
  const wb = new FakeWorkbook();
  for (const n of names) wb.add(n).cell(0, 0).value = n;
  return wb;
}

async function fails(host: FakeExcelHost, batch: (ctx: XlContext) => void | Promise<void>): Promise<string> {
  try {
    await host.run(async (ctx) => { await batch(ctx); await ctx.sync(); });
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
  return "no error";
}

describe("fake Excel: requirement sets from @types/office-js", () => {
  it("the table is what the declarations say today (regenerate with tsx tests/addin/fake-excel/api-sets-gen.ts)", () => {
    const committed = readFileSync(join(import.meta.dirname, "fake-excel", "api-sets.ts"), "utf8");
    expect(committed).toBe(renderApiSets(deriveApiSets(officeTypes())));
  });

  it("knows the members the issue names, read and write apart", () => {
    expect(EXCEL_API_SETS.Worksheet!.visibility).toEqual({ get: "1.1", set: "1.2" });
    expect(EXCEL_API_SETS.RangeFormat!.columnWidth!.get).toBe("1.2");
    expect(EXCEL_API_SETS.Range!.getCellProperties!.get).toBe("1.9");
    expect(EXCEL_API_SETS.Worksheet!.getRanges!.get).toBe("1.9");
    expect(EXCEL_API_SETS.Worksheet!.notes!.get).toBe("1.18");
    expect(EXCEL_API_SETS.Worksheet!.comments!.get).toBe("1.10");
    expect(EXCEL_API_SETS.Worksheet!.getUsedRange!.get).toBe("1.1");
  });

  it("enforces them: setting visibility on 1.1, column width on 1.1, notes on 1.17", async () => {
    const old = new FakeExcelHost(book("A", "B"), { excelApi: "1.1" });
    expect(await fails(old, (ctx) => { ctx.workbook.worksheets.getItem("B").visibility = "Hidden"; })).toBe("ApiNotFound");
    expect(await fails(old, (ctx) => { ctx.workbook.worksheets.getItem("A").getRange("A:A").format.columnWidth = 20; })).toBe("ApiNotFound");
    // Reading visibility is 1.1.
    expect(await fails(old, (ctx) => { ctx.workbook.worksheets.load("items/visibility"); })).toBe("no error");
    const h = new FakeExcelHost(book("A"), { excelApi: "1.17" });
    expect(await fails(h, (ctx) => { ctx.workbook.worksheets.getItem("A").notes.add("A1", "x"); })).toBe("ApiNotFound");
  });
});

describe("fake Excel: sheets", () => {
  it("names are unique without regard to case", async () => {
    const host = new FakeExcelHost(book("KIỂM TRA"));
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.add("Kiểm tra"); })).toBe("ItemAlreadyExists");
    expect(host.workbook.sheets.map((s) => s.name)).toEqual(["KIỂM TRA"]);
  });

  it.each(["a".repeat(32), "a[1]", "x:y", "a*", "hỏi?", "1/2", "a\\b", "'đầu", "cuối'", "History", "history", " "])("refuses the name %j", async (name) => {
    const host = new FakeExcelHost(book("A"));
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.add(name); })).toBe("InvalidArgument");
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.getItem("A").name = name; })).toBe("InvalidArgument");
  });

  it("takes 31 characters, apostrophes inside and Vietnamese", async () => {
    const host = new FakeExcelHost(book("A"));
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.add("Tổng hợp tỉnh của đơn vị mẫu 01"); ctx.workbook.worksheets.add("Anh's"); })).toBe("no error");
  });

  it("a very hidden sheet cannot be deleted; a hidden one can", async () => {
    const wb = book("A", "B");
    wb.sheet("B")!.visibility = "VeryHidden";
    const host = new FakeExcelHost(wb);
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.getItem("B").delete(); })).toBe("InvalidOperation");
    expect(await fails(host, (ctx) => { const b = ctx.workbook.worksheets.getItem("B"); b.visibility = "Hidden"; b.delete(); })).toBe("no error");
    expect(wb.sheet("B")).toBeUndefined();
  });

  it("a failed batch is not rolled back: what ran before the failure stays", async () => {
    const wb = book("A");
    const host = new FakeExcelHost(wb);
    expect(await fails(host, (ctx) => {
      const a = ctx.workbook.worksheets.getItem("A");
      a.getRange("B2").values = [[7]];
      ctx.workbook.worksheets.getItem("Không có").getRange("A1").values = [[1]];
      a.getRange("C3").values = [[8]];
    })).toBe("ItemNotFound");
    expect(wb.sheet("A")!.get(1, 1)!.value).toBe(7);
    expect(wb.sheet("A")!.get(2, 2)).toBeUndefined();
  });

  it("a protected sheet refuses values, fills and notes (AccessDenied), and says it is protected", async () => {
    const wb = book("A");
    wb.sheet("A")!.protected = true;
    const host = new FakeExcelHost(wb);
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.getItem("A").getRange("A1").values = [[1]]; })).toBe("AccessDenied");
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.getItem("A").getRange("A1").format.fill.color = "#FF0000"; })).toBe("AccessDenied");
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.getItem("A").notes.add("A1", "x"); })).toBe("AccessDenied");
    let protectedNow = false;
    await host.run(async (ctx) => { const p = ctx.workbook.worksheets.getItem("A").protection.load("protected"); await ctx.sync(); protectedNow = p.protected; });
    expect(protectedNow).toBe(true);
  });
});

describe("fake Excel: lifetime, comments, values, fills", () => {
  it("an object used after its Excel.run throws InvalidObjectPath", async () => {
    const host = new FakeExcelHost(book("A"));
    const kept = await host.run(async (ctx) => ctx.workbook.worksheets.getItem("A").getRange("A1"));
    expect(() => { kept.values = [[1]]; }).toThrow(/InvalidObjectPath/);
    expect(() => kept.load("values")).toThrow(/InvalidObjectPath/);
  });

  it("a cell holds a threaded comment or a note, not both", async () => {
    const wb = book("A");
    wb.sheet("A")!.cell(1, 1).comment = "Anh xem lại số này";
    const host = new FakeExcelHost(wb);
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.getItem("A").notes.add("B2", "ghi chú"); })).toBe("InvalidOperation");
    let where = "";
    await host.run(async (ctx) => {
      const c = ctx.workbook.worksheets.getItem("A").comments.load("items");
      await ctx.sync();
      const at = c.items[0]!.getLocation().load("address");
      await ctx.sync();
      where = at.address;
    });
    expect(where).toBe("A!B2");
  });

  it("values are entered as typed: '3/5' and '1-2' become dates in a General cell, not in a text cell", async () => {
    const wb = book("A");
    wb.sheet("A")!.cell(2, 0).numberFormat = "@";
    const host = new FakeExcelHost(wb);
    await host.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("A");
      a.getRange("A1:D1").values = [["3/5", "1-2", "6/2012", "'3/5"]];
      a.getRange("A3").values = [["3/5"]];
      await ctx.sync();
    });
    const s = wb.sheet("A")!;
    expect(typeof s.get(0, 0)!.value).toBe("number");
    expect(s.get(0, 0)!.numberFormat).toBe("d-mmm");
    expect(typeof s.get(0, 1)!.value).toBe("number");
    expect(s.get(0, 2)!.numberFormat).toBe("mmm-yy");
    expect(s.get(0, 3)!.value).toBe("3/5");
    expect(s.get(2, 0)!.value).toBe("3/5");
    expect(coerce("52/53", "General").value).toBe("52/53");
    expect(coerce("1,234", "General").value).toBe(1234);
    expect(coerce("12%", "General").value).toBe(0.12);
  });

  it("reads fills back as Excel does: no fill is pattern null and white; gradients cannot be written", async () => {
    const wb = book("A");
    const s = wb.sheet("A")!;
    s.cell(0, 1).fill = { color: "#FFFFFF", pattern: "Solid" };
    s.cell(0, 2).fill = { color: "#4472C4", pattern: "LinearGradient" };
    const host = new FakeExcelHost(wb);
    const got = await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("A").getRange("A1:C1").getCellProperties({ format: { fill: { color: true, pattern: true } } });
      await ctx.sync();
      return r.value[0]!.map((c) => c.format!.fill);
    });
    expect(got).toEqual([{ color: "#FFFFFF", pattern: null }, { color: "#FFFFFF", pattern: "Solid" }, { color: null, pattern: "LinearGradient" }]);
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.getItem("A").getRange("D1").format.fill.pattern = "LinearGradient"; })).toBe("InvalidArgument");
  });

  it("getRanges refuses address lists over 8,192 characters", async () => {
    const host = new FakeExcelHost(book("A"));
    const long = Array.from({ length: 1500 }, (_, i) => `B${i + 1}`).join(", ");
    expect(long.length).toBeGreaterThan(8192);
    expect(await fails(host, (ctx) => { ctx.workbook.worksheets.getItem("A").getRanges(long).format.fill.color = "#FF0000"; })).toBe("InvalidArgument");
  });
});

describe("fake Excel: printing (ExcelApi 1.9)", () => {
  it("footers, print title columns and page breaks exist from 1.9 only, and hiding columns from 1.2", async () => {
    expect(EXCEL_API_SETS.PageLayout!.headersFooters!.get).toBe("1.9");
    expect(EXCEL_API_SETS.PageLayout!.setPrintTitleColumns!.get).toBe("1.9");
    expect(EXCEL_API_SETS.HeaderFooter!.rightFooter!.get).toBe("1.9");
    expect(EXCEL_API_SETS.Worksheet!.verticalPageBreaks!.get).toBe("1.9");
    const old = new FakeExcelHost(book("A"), { excelApi: "1.8" });
    const ws = (ctx: XlContext) => ctx.workbook.worksheets.getItem("A");
    expect(await fails(old, (ctx) => { ws(ctx).pageLayout.headersFooters.defaultForAllPages.rightFooter = "&P"; })).toBe("ApiNotFound");
    expect(await fails(old, (ctx) => { ws(ctx).pageLayout.setPrintTitleColumns("$A:$A"); })).toBe("ApiNotFound");
    expect(await fails(old, (ctx) => { ws(ctx).verticalPageBreaks.add("C1"); })).toBe("ApiNotFound");
    expect(await fails(new FakeExcelHost(book("A"), { excelApi: "1.1" }), (ctx) => { ws(ctx).getRange("B:B").columnHidden = true; })).toBe("ApiNotFound");
  });

  it("refuses what Excel refuses: a footer section over 255 characters, title columns that are not whole columns, a break before column A", async () => {
    const wb = book("A");
    const host = new FakeExcelHost(wb, { excelApi: "1.9" });
    const ws = (ctx: XlContext) => ctx.workbook.worksheets.getItem("A");
    expect(await fails(host, (ctx) => { ws(ctx).pageLayout.headersFooters.defaultForAllPages.centerFooter = "x".repeat(256); })).toBe("InvalidArgument");
    expect(await fails(host, (ctx) => { ws(ctx).pageLayout.setPrintTitleColumns("A1:B2"); })).toBe("InvalidArgument");
    expect(await fails(host, (ctx) => { ws(ctx).verticalPageBreaks.add("A5"); })).toBe("InvalidArgument");
    expect(await fails(host, (ctx) => {
      const s = ws(ctx);
      s.pageLayout.headersFooters.defaultForAllPages.rightFooter = "Trang &P/&N";
      s.pageLayout.setPrintTitleColumns("A:A");
      s.verticalPageBreaks.add("D1");
      s.getRange("B:B").columnHidden = true;
    })).toBe("no error");
    const s = wb.sheet("A")!;
    expect(s.headerFooter.rightFooter).toBe("Trang &P/&N");
    expect(s.printTitleColumns).toBe("$A:$A");
    expect(s.columnBreaks).toEqual([3]);
    expect([...s.hiddenColumns]).toEqual([1]);
    // A protected sheet refuses hiding columns unless formatting columns is allowed.
    s.protected = true;
    expect(await fails(host, (ctx) => { ws(ctx).getRange("C:C").columnHidden = true; })).toBe("AccessDenied");
  });

  it("mirrors onto office.js' own request builder without problems", async () => {
    const host = new FakeExcelHost(book("A"), { excelApi: "1.9", requestBuilder: officeJsRequestBuilder });
    await host.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("A");
      s.pageLayout.headersFooters.defaultForAllPages.leftFooter = "&A";
      s.pageLayout.setPrintTitleColumns("$A:$A");
      s.verticalPageBreaks.removePageBreaks();
      s.verticalPageBreaks.add("D1");
      s.getRange("B:B").columnHidden = true;
      await ctx.sync();
    });
    expect(host.mirrorProblems).toEqual([]);
  });
});

describe("fake Excel: freeze panes (ExcelApi 1.7)", () => {
  it("freezeRows, freezeColumns, freezeAt and unfreeze exist from 1.7 only, as @types/office-js says", async () => {
    for (const m of ["freezeRows", "freezeColumns", "freezeAt", "unfreeze"]) expect(EXCEL_API_SETS.WorksheetFreezePanes![m]!.get).toBe("1.7");
    const old = new FakeExcelHost(book("A"), { excelApi: "1.6" });
    expect(await fails(old, (ctx) => { ctx.workbook.worksheets.getItem("A").freezePanes.freezeAt("A1:A3"); })).toBe("ApiNotFound");
  });

  it("freezeAt freezes from A1 through the range's last cell; each of freezeRows and freezeColumns replaces the pane; zero and unfreeze release", async () => {
    const wb = book("A", "B");
    const host = new FakeExcelHost(wb, { excelApi: "1.7" });
    const fp = (ctx: XlContext) => ctx.workbook.worksheets.getItem("A").freezePanes;
    const s = wb.sheet("A")!;
    expect(await fails(host, (ctx) => { fp(ctx).freezeAt("A1:B5"); })).toBe("no error");
    expect([s.frozenRows, s.frozenColumns]).toEqual([5, 2]);
    expect(await fails(host, (ctx) => { fp(ctx).freezeAt("'A'!$C$2"); })).toBe("no error");
    expect([s.frozenRows, s.frozenColumns]).toEqual([2, 3]);
    expect(await fails(host, (ctx) => { fp(ctx).freezeRows(4); })).toBe("no error");
    expect([s.frozenRows, s.frozenColumns]).toEqual([4, 0]);
    expect(await fails(host, (ctx) => { fp(ctx).freezeColumns(); })).toBe("no error");
    expect([s.frozenRows, s.frozenColumns]).toEqual([0, 1]);
    expect(await fails(host, (ctx) => { fp(ctx).freezeColumns(0); })).toBe("no error");
    expect([s.frozenRows, s.frozenColumns]).toEqual([0, 0]);
    expect(await fails(host, (ctx) => { fp(ctx).freezeAt("A1:A3"); fp(ctx).unfreeze(); })).toBe("no error");
    expect([s.frozenRows, s.frozenColumns]).toEqual([0, 0]);
  });

  it("refuses what Excel refuses: negative, fractional or oversize counts, another sheet's range, several areas, every row or column frozen; and on a protected sheet", async () => {
    const wb = book("A", "B");
    const host = new FakeExcelHost(wb, { excelApi: "1.7" });
    const fp = (ctx: XlContext) => ctx.workbook.worksheets.getItem("A").freezePanes;
    for (const bad of [-1, 1.5, 1_048_576]) expect(await fails(host, (ctx) => { fp(ctx).freezeRows(bad); })).toBe("InvalidArgument");
    for (const bad of [-1, 0.5, 16_384]) expect(await fails(host, (ctx) => { fp(ctx).freezeColumns(bad); })).toBe("InvalidArgument");
    for (const bad of ["B!A1:A3", "A1:A3,C1", "A:A", "1:3", "A1:ZZZ9"]) expect(await fails(host, (ctx) => { fp(ctx).freezeAt(bad); })).toBe("InvalidArgument");
    expect([wb.sheet("A")!.frozenRows, wb.sheet("A")!.frozenColumns]).toEqual([0, 0]);
    wb.sheet("A")!.protected = true;
    expect(await fails(host, (ctx) => { fp(ctx).freezeAt("A1:A3"); })).toBe("AccessDenied");
  });

  it("mirrors onto office.js' own request builder without problems", async () => {
    const host = new FakeExcelHost(book("A"), { excelApi: "1.9", requestBuilder: officeJsRequestBuilder });
    await host.run(async (ctx) => {
      const f = ctx.workbook.worksheets.getItem("A").freezePanes;
      f.freezeAt("A1:A6");
      f.freezeRows(2);
      f.freezeColumns(1);
      f.unfreeze();
      await ctx.sync();
    });
    expect(host.mirrorProblems).toEqual([]);
  });
});

describe("fake Excel: requests as office.js encodes them", () => {
  it("a fill on one cell costs what office.js sends: object paths and Instantiate actions, several hundred bytes", async () => {
    const host = new FakeExcelHost(book("A"));
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("A");
      for (let r = 1; r <= 100; r++) ws.getRange(`B${r}`).format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    const perCell = host.syncs[0]!.requestBytes / 100;
    expect(perCell).toBeGreaterThan(450);
    expect(perCell).toBeLessThan(900);
    // Each cell: Instantiate getRange, Format, Fill, then SetProperty Color.
    expect(host.syncs[0]!.actions).toBeGreaterThan(400);
  });

  it("web: a request over 5 MB fails, sometimes as GeneralException; desktop: more than 5 million cells fail or read null", async () => {
    const host = new FakeExcelHost(book("A"));
    const codes: string[] = [];
    for (let k = 0; k < 2; k++) {
      codes.push(await fails(host, (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("A");
        for (let r = 1; r <= 10_000; r++) ws.getRange(`B${r}`).format.fill.color = "#FFC7CE";
      }));
    }
    expect(codes.sort()).toEqual(["GeneralException", "RequestPayloadSizeLimitExceeded"]);
    const desk = new FakeExcelHost(book("A"), { mode: "desktop" });
    const out: string[] = [];
    for (let k = 0; k < 2; k++) {
      try {
        await desk.run(async (ctx) => {
          const r = ctx.workbook.worksheets.getItem("A").getRange("A1:E1048576").load("values");
          await ctx.sync();
          out.push(r.values === null ? "null" : "values");
        });
      } catch (e) { out.push(String((e as { code?: unknown }).code)); }
    }
    expect(out.sort()).toEqual(["RangeExceedsLimit", "null"]);
  });
});
