import { Packer } from "docx";
import { describe, expect, it } from "vitest";
import { DRAFT_SHEET, draftRows, writeDraftSheet } from "../../addin/src/excel/draft-sheet.ts";
import { draftDocument } from "../../shared/report/draft-docx.ts";
import { draftReport, type Draft } from "../../shared/report/draft.ts";
import { rollupFrom } from "../shared/rollup-fixture.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../../seeds/targets.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const communes = Object.fromEntries(hamTanCommuneValues().map((u) => [u.unit, u.values]));
const rollup = rollupFrom({ registry: BTH, province: "BTH", period: "2015", values: new Map([["BTH-HTN", communes]]), targets: HAM_TAN_TARGETS.filter((t) => t.year === 2015) });
const previous = rollupFrom({ registry: BTH, province: "BTH", period: "2014", values: new Map([["BTH-HTN", communes]]) });
const draft = draftReport({ rollup, previous, lang: "vi" });

const column = (wb: FakeWorkbook, sheet: string) => { const s = wb.sheet(sheet)!; const out: unknown[] = []; for (let r = 0; r < 400; r++) out.push(s.get(r, 0)?.value ?? ""); while (out.length && out.at(-1) === "") out.pop(); return out; };

describe("the draft report in a sheet (fake host)", () => {
  it.each(["1.2", "1.9"])("writes the shared draft line by line, as text, at ExcelApi %s", async (excelApi) => {
    const wb = new FakeWorkbook();
    wb.add("Số liệu").cell(0, 0).value = "giữ nguyên";
    const host = new FakeExcelHost(wb, { excelApi });
    const r = await writeDraftSheet(host.run, draft, null);
    expect(r.sheet).toBe(DRAFT_SHEET);
    expect(column(wb, DRAFT_SHEET)).toEqual(draftRows(draft).map((x) => x.text));
    expect(column(wb, DRAFT_SHEET)[0]).toBe(draft.title);
    expect(wb.sheet(DRAFT_SHEET)!.get(0, 0)?.numberFormat).toBe("@");
    expect(wb.sheet("Số liệu")!.get(0, 0)?.value).toBe("giữ nguyên");
    expect(r.syncs).toBeLessThanOrEqual(3);
  });

  it("prints as every sheet the product writes where Excel can (1.9): A4 portrait, the title row repeated and in view, page numbers in the footer", async () => {
    const { capabilities } = await import("../../addin/src/excel/adapter.ts");
    const wb = new FakeWorkbook();
    const host = new FakeExcelHost(wb, { excelApi: "1.9" });
    const r = await writeDraftSheet(host.run, draft, null, { caps: capabilities(host.office), lang: "vi" });
    const s = wb.sheet(r.sheet)!;
    expect([s.frozenRows, s.frozenColumns]).toEqual([1, 0]);
    expect(s.pageLayout).toMatchObject({ orientation: "Portrait", paperSize: "A4", printTitleRows: "$1:$1" });
    expect(s.headerFooter).toMatchObject({ leftFooter: "&A", rightFooter: "Trang &P/&N" });
    // At the manifest's minimum there is nothing of the kind to set, and the same lines are written.
    const old = new FakeWorkbook();
    const h2 = new FakeExcelHost(old, { excelApi: "1.2" });
    const r2 = await writeDraftSheet(h2.run, draft, null, { caps: capabilities(h2.office) });
    expect(old.sheet(r2.sheet)!.frozenRows).toBe(0);
    expect(column(old, r2.sheet)).toEqual(column(wb, r.sheet));
  });

  it("never takes the clerk's own 'Báo cáo' sheet; a refresh finds its sheet by id, even renamed, and leaves no old line behind", async () => {
    const wb = new FakeWorkbook();
    const mine = wb.add("BÁO CÁO");
    mine.cell(0, 0).value = "Đơn vị";
    mine.cell(1, 0).value = "Xã mẫu 01";
    const host = new FakeExcelHost(wb, { excelApi: "1.2" });
    const first = await writeDraftSheet(host.run, draft, null);
    expect(first.sheet).toBe("Báo cáo (2)");
    expect(column(wb, "BÁO CÁO")).toEqual(["Đơn vị", "Xã mẫu 01"]);
    wb.sheet("Báo cáo (2)")!.name = "Dự thảo";
    const short: Draft = { ...draft, sections: draft.sections.slice(0, 1) };
    const again = await writeDraftSheet(host.run, short, first.id);
    expect(again).toMatchObject({ sheet: "Dự thảo", id: first.id });
    expect(column(wb, "Dự thảo")).toEqual(draftRows(short).map((x) => x.text));
    expect(wb.sheets.map((s) => s.name)).toEqual(["BÁO CÁO", "Dự thảo"]);
    // A recorded id whose sheet was deleted: a new sheet, under the first free name.
    const gone = await writeDraftSheet(host.run, short, "{deleted}");
    expect(gone.sheet).toBe("Báo cáo (2)");
  });

  it("text that Excel would turn into a formula, a number or a date stays as written; an oversized paragraph is split, not refused", async () => {
    const hostile: Draft = { ...draft, title: "=HYPERLINK(\"http://x\")", subtitle: "1/6", sections: [{ heading: "+1", paragraphs: [{ text: "x".repeat(70_000), segments: [] }, { text: "00123", segments: [] }] }] };
    const wb = new FakeWorkbook();
    const host = new FakeExcelHost(wb, { excelApi: "1.9" });
    await writeDraftSheet(host.run, hostile, null);
    const col = column(wb, DRAFT_SHEET);
    expect(col.slice(0, 2)).toEqual(["=HYPERLINK(\"http://x\")", "1/6"]);
    expect(wb.sheet(DRAFT_SHEET)!.get(0, 0)?.formula ?? null).toBeNull();
    expect(col.filter((v) => typeof v === "string" && v.startsWith("x")).map((v) => (v as string).length)).toEqual([32_767, 32_767, 70_000 - 2 * 32_767]);
    expect(col.at(-1)).toBe("00123");
  });

  it("the .docx built in shared/ (as the pane packs it) holds the draft's text", async () => {
    const bytes = await Packer.toBuffer(draftDocument(draft));
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    // In the party's form the page carries the kind and the subject; the title is the file's own.
    expect(xml).toContain(draft.head.subject.replace(/&/g, "&amp;"));
    expect(await zip.file("docProps/core.xml")!.async("string")).toContain(draft.title.replace(/&/g, "&amp;"));
    expect(xml).toContain(`1. ${draft.sections[0]!.heading}`.replace(/&/g, "&amp;"));
  });
});
