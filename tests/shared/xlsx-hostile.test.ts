import ExcelJS from "exceljs";
import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { readXlsx, XlsxError } from "../../shared/xlsx/read.ts";

/**
 * Hostile and broken files: each is answered with an XlsxError (a code and Vietnamese and
 * English words), quickly, never a crash, a hang or a stack trace for the clerk.
 */
const CT = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
const RELS = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WB_RELS = (extra = "") => `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${extra}</Relationships>`;
const SST_REL = `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`;
const sheet = (data: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`;

function book(parts: Record<string, string | Uint8Array>, level: 6 | 9 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [k, v] of Object.entries(parts)) files[k] = typeof v === "string" ? strToU8(v) : v;
  return zipSync(files, { level });
}
const base = (sheetXml: string, extra: Record<string, string> = {}, rels = WB_RELS()) =>
  book({ "[Content_Types].xml": CT, "_rels/.rels": RELS, "xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/sheet1.xml": sheetXml, ...extra });

function refused(bytes: Uint8Array, code: XlsxError["code"], opts?: Parameters<typeof readXlsx>[1]): XlsxError {
  const t = Date.now();
  let err: unknown;
  try {
    for (const s of readXlsx(bytes, opts).sheets) s.grid();
  } catch (e) { err = e; }
  expect(Date.now() - t).toBeLessThan(10_000);
  expect(err).toBeInstanceOf(XlsxError);
  const x = err as XlsxError;
  expect(x.code).toBe(code);
  expect(x.text.vi.length).toBeGreaterThan(10);
  expect(x.text.en.length).toBeGreaterThan(10);
  return x;
}

describe("hostile .xlsx files get a clear answer", () => {
  it("a well-formed minimal file reads", () => {
    const g = readXlsx(base(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>Xã mẫu 01</t></is></c><c r="B1"><v>3</v></c></row>`))).sheets[0]!.grid();
    expect(g.values).toEqual([["Xã mẫu 01", 3]]);
  });

  it("not a zip, an old .xls, empty bytes", () => {
    refused(strToU8("STT,Đơn vị\n1,Xã mẫu 01\n"), "not-zip");
    refused(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "old-format");
    refused(new Uint8Array(0), "not-zip");
  });

  it("a truncated zip, at every tenth of its length", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Báo cáo").addRows(Array.from({ length: 200 }, (_, i) => [`Xã mẫu ${i}`, i, i * 2]));
    const full = new Uint8Array(await wb.xlsx.writeBuffer());
    for (let k = 1; k < 10; k++) refused(full.subarray(0, Math.floor((full.length * k) / 10)), "damaged");
  });

  it("a corrupted deflate stream inside an intact directory", () => {
    const good = base(sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`.repeat(1)));
    const bad = good.slice();
    const at = new TextDecoder("latin1").decode(bad).indexOf("xl/worksheets/sheet1.xml") + 24;
    for (let i = at; i < at + 20 && i < bad.length; i++) bad[i] = 0xff;
    refused(bad, "damaged");
  });

  it("a zip bomb: a part inflating past the limit stops there", () => {
    const zeros = new Uint8Array(24 * 1024 * 1024);
    const bytes = book({ "[Content_Types].xml": CT, "_rels/.rels": RELS, "xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": WB_RELS(), "xl/worksheets/sheet1.xml": zeros }, 9);
    expect(bytes.length).toBeLessThan(100_000);
    refused(bytes, "too-large", { zip: { maxPartBytes: 8 * 1024 * 1024 } });
    // Under the default limit it is not XML at all: one run of 24 MiB with no tag.
    refused(bytes, "too-large");
  });

  it("huge shared strings: a string beyond Excel's 32,767 characters, and too many characters in all", () => {
    const sst = (n: number, len: number) => `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${`<si><t>${"a".repeat(len)}</t></si>`.repeat(n)}</sst>`;
    refused(base(sheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), { "xl/sharedStrings.xml": sst(1, 200_000) }, WB_RELS(SST_REL)), "too-large");
    refused(base(sheet(""), { "xl/sharedStrings.xml": sst(200, 30_000) }, WB_RELS(SST_REL)), "too-large", { strings: { maxChars: 1_000_000 } });
  });

  it("malformed XML: unclosed, mismatched, a DOCTYPE, a bad entity, text outside the root, not UTF-8", () => {
    refused(base(`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>`), "malformed");
    refused(base(`<worksheet><sheetData><row></c></sheetData></worksheet>`), "malformed");
    refused(base(`<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>`), "malformed");
    refused(base(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>&bomb;</t></is></c></row>`)), "malformed");
    refused(base(`<worksheet/>trailing`), "malformed");
    refused(book({ "_rels/.rels": RELS, "xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": WB_RELS(), "xl/worksheets/sheet1.xml": new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]) }), "malformed");
  });

  it("missing parts: no workbook, a sheet the workbook names but the zip lacks, a shared string that is not there", () => {
    refused(book({ "_rels/.rels": RELS, "xl/other.xml": "<a/>" }), "missing-part");
    refused(book({ "_rels/.rels": RELS, "xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": WB_RELS() }), "missing-part");
    refused(base(sheet(`<row r="1"><c r="A1" t="s"><v>7</v></c></row>`)), "damaged");
  });

  it("addresses beyond Excel's sheet, nesting too deep", () => {
    refused(base(sheet(`<row r="2000000"><c r="A2000000"><v>1</v></c></row>`)), "damaged");
    refused(base(sheet(`<row r="1"><c r="ZZZZ1"><v>1</v></c></row>`)), "damaged");
    refused(base(`<worksheet>${"<a>".repeat(1000)}${"</a>".repeat(1000)}</worksheet>`), "too-large");
  });

  it("a sheet with more cells than allowed stops at the limit", () => {
    const rows = Array.from({ length: 100 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 20 }, (_, c) => `<c><v>${c}</v></c>`).join("")}</row>`).join("");
    refused(base(sheet(rows)), "too-large", { maxCells: 1000 });
    expect(readXlsx(base(sheet(rows))).sheets[0]!.grid().values.length).toBe(100);
  });
});
