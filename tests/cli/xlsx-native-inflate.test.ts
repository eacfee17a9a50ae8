import ExcelJS from "exceljs";
import fc from "fast-check";
import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { nativeInflater } from "../../cli/workbook-file.ts";
import { readXlsx, XlsxError } from "../../shared/xlsx/read.ts";
import { XmlScanner, type Tag } from "../../shared/xlsx/xml-scan.ts";

/**
 * The CLI inflates parts with Node's zlib (cli/workbook-file.ts) and the reader cuts each chunk
 * after its last ">": the same grids as fflate's streaming path, and the same clear answers to
 * damaged files.
 */
const CT = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
const RELS = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WB_RELS = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET = "xl/worksheets/sheet1.xml";
const sheet = (data: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`;
function book(sheetXml: string | Uint8Array): Uint8Array {
  const files: Zippable = { "[Content_Types].xml": strToU8(CT), "_rels/.rels": strToU8(RELS), "xl/workbook.xml": strToU8(WB), "xl/_rels/workbook.xml.rels": strToU8(WB_RELS), [SHEET]: typeof sheetXml === "string" ? strToU8(sheetXml) : sheetXml };
  return zipSync(files, { level: 6 });
}
const both = (bytes: Uint8Array) => [{}, { inflater: nativeInflater }].map((opts) => {
  try { return readXlsx(bytes, opts).sheets.map((s) => s.grid()); } catch (e) { return e instanceof XlsxError ? { code: e.code } : { crash: String(e) }; }
});

/** The sheet's entry in the central directory: its uncompressed size is at +24. */
function directoryEntry(bytes: Uint8Array): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = strToU8(SHEET);
  for (let i = bytes.length - 46; i >= 0; i--) {
    if (v.getUint32(i, true) !== 0x02014b50) continue;
    const n = v.getUint16(i + 28, true);
    if (n === name.length && name.every((b, k) => bytes[i + 46 + k] === b)) return i;
  }
  throw new Error("no entry");
}

describe("the CLI's native inflater", () => {
  it("gives the grids fflate gives: an exceljs workbook of numbers, texts, dates, formulas, merges, a cell of 90 KB", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Báo cáo");
    ws.addRow(["STT", "Đơn vị", "Số đảng viên", "Tỷ lệ"]);
    for (let i = 0; i < 3000; i++) ws.addRow([i + 1, `Xã mẫu ${String(i + 1).padStart(2, "0")} — “trích” & <b>`, i * 7, { formula: `C${i + 2}/7`, result: i }]);
    ws.getCell("E2").value = new Date("2025-07-01T00:00:00Z");
    ws.getCell("F2").value = "ấ".repeat(30_000);
    ws.mergeCells("G1:H2");
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const [a, b] = both(bytes);
    expect(b).toEqual(a);
    expect(JSON.stringify(a).slice(0, 200)).toContain("STT");
    expect((a as { values: unknown[][] }[])[0]!.values[1]![5]).toBe("ấ".repeat(30_000));
  });

  it("reads a part with whitespace after its root, and refuses one cut inside a character after its last '>'", () => {
    expect(both(book(`${sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`)}\n  \n`))).toEqual([[expect.objectContaining({ values: [[1]] })], [expect.objectContaining({ values: [[1]] })]]);
    const cut = new Uint8Array([...strToU8(sheet("")), 0xe1, 0xba]);
    expect(both(book(cut))).toEqual([{ code: "malformed" }, { code: "malformed" }]);
  });

  it("answers a size the directory states wrong, a corrupted stream, a cut file as damaged", async () => {
    const good = book(sheet(Array.from({ length: 400 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join("")));
    const at = directoryEntry(good);
    const size = new DataView(good.buffer).getUint32(at + 24, true);
    for (const lie of [size - 1, Math.floor(size / 3), size + 1, size * 5]) {
      const bad = good.slice();
      new DataView(bad.buffer).setUint32(at + 24, lie, true);
      expect(both(bad)).toEqual([{ code: "damaged" }, { code: "damaged" }]);
    }
    const corrupt = good.slice();
    const data = new DataView(corrupt.buffer).getUint32(at + 42, true) + 30 + SHEET.length;
    for (let i = data + 4; i < data + 40; i++) corrupt[i] = 0xff;
    expect(both(corrupt)).toEqual([{ code: "damaged" }, { code: "damaged" }]);
    for (let k = 1; k < 10; k++) expect(both(good.subarray(0, Math.floor((good.length * k) / 10)))[1]).toEqual({ code: "damaged" });
  });
});

describe("Tag.attrs", () => {
  it("answers each name as attr does, in one pass, whatever the attributes and their order", () => {
    const name = fc.constantFrom("r", "t", "s", "x:r", "xr:s", "rr", "st", "ts");
    const value = fc.string({ unit: fc.constantFrom("a", "1", " ", "&amp;", "&lt;", ">", "'"), maxLength: 6 });
    fc.assert(fc.property(fc.array(fc.tuple(name, value, fc.boolean()), { maxLength: 6 }), (list) => {
      const attrs = list.map(([n, v, single]) => single ? `${n}='${v.replace(/'/g, "&apos;")}'` : `${n} = "${v}"`).join(" ");
      const seen: { attr: (string | undefined)[]; attrs: (string | undefined)[] }[] = [];
      const scanner = new XmlScanner("t.xml", {
        open(_name: string, tag: Tag) {
          const out: (string | undefined)[] = [];
          tag.attrs(["r", "t", "s"], out);
          seen.push({ attr: ["r", "t", "s"].map((n) => tag.attr(n)), attrs: out });
        },
        close() {}, text() {},
      });
      scanner.write(`<c ${attrs}/>`);
      scanner.end();
      expect(seen[0]!.attrs).toEqual(seen[0]!.attr);
    }), { numRuns: 2000 });
  });
});
