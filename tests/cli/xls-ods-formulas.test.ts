import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { runCli, seedWorkbook } from "./run-cli.ts";

/**
 * .xls and .ods workbooks whose formulas were saved without results (files written by tools
 * other than Excel), as real files: the CLI computes them with the core's engine, says so, and
 * finds what the same workbook saved with its results gives. A formula it cannot compute is named.
 */
interface Doc { issues?: { rule: string; cells: string[]; severity: string; message: string }[]; error?: { code: string; message: string } }
const key = (d: Doc) => (d.issues ?? []).filter((i) => i.rule !== "formula_computed").map((i) => `${i.severity} ${i.rule} ${i.cells.join(",")}`).sort();
const SEED = "ham-tan-tong-sai.xlsx";

async function dir() { return mkdtemp(join(tmpdir(), "htct-xls-f-")); }

/** The seed as .ods, then every formula cell's saved result taken out of content.xml. */
async function odsWithoutResults(): Promise<string> {
  const wb = XLSX.read(await readFile(seedWorkbook(SEED)), { type: "buffer", cellNF: true, cellFormula: true });
  const files = unzipSync(new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "ods" })));
  const xml = strFromU8(files["content.xml"]!);
  const stripped = xml
    .replace(/(<table:table-cell[^>]*?table:formula="[^"]*"[^>]*?) office:value="[^"]*"/g, "$1")
    .replace(/(<table:table-cell[^>]*?table:formula="[^"]*"[^>]*>)<text:p>[^<]*<\/text:p>/g, "$1");
  expect(stripped).not.toBe(xml);
  files["content.xml"] = strToU8(stripped);
  const f = join(await dir(), "khong-ket-qua.ods");
  await writeFile(f, zipSync(files));
  return f;
}

// BIFF8 parsed formulas (MS-XLS 2.5.198) for the shapes the seed uses: A/B, SUM(range), COUNTIF(range;"x").
const ref = (a: string) => { const c = XLSX.utils.decode_cell(a); return [c.r & 255, c.r >> 8, c.c & 255, (c.c >> 8) | 0xc0]; };
const area = (a: string) => { const r = XLSX.utils.decode_range(a); return [0x25, r.s.r & 255, r.s.r >> 8, r.e.r & 255, r.e.r >> 8, r.s.c & 255, (r.s.c >> 8) | 0xc0, r.e.c & 255, (r.e.c >> 8) | 0xc0]; };
function rgce(f: string): number[] | null {
  let m = /^([A-Z]+[0-9]+)\/([A-Z]+[0-9]+)$/.exec(f);
  if (m) return [0x44, ...ref(m[1]!), 0x44, ...ref(m[2]!), 0x06];
  m = /^SUM\(([A-Z]+[0-9]+:[A-Z]+[0-9]+)\)$/.exec(f);
  if (m) return [...area(m[1]!), 0x22, 1, 4, 0];
  m = /^COUNTIF\(([A-Z]+[0-9]+:[A-Z]+[0-9]+),"(.)"\)$/.exec(f);
  if (m) return [...area(m[1]!), 0x17, 1, 0, m[2]!.charCodeAt(0), 0x22, 2, 346 & 255, 346 >> 8];
  return null;
}

/** The seed as Excel 97–2003 with its formulas kept and their results left out, as SheetJS writes such a file. */
async function xlsWithoutResults(): Promise<string> {
  const wb = XLSX.read(await readFile(seedWorkbook(SEED)), { type: "buffer", cellNF: true, cellFormula: true });
  let n = 0;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    for (const a of Object.keys(ws)) {
      const cell = ws[a] as XLSX.CellObject | undefined;
      if (a.startsWith("!") || !cell?.f) continue;
      const body = rgce(cell.f);
      expect(body, cell.f).not.toBeNull();
      ws[a] = { t: "n", z: cell.z, bf: [body!.length & 255, body!.length >> 8, ...body!] } as unknown as XLSX.CellObject;
      n++;
    }
  }
  expect(n).toBeGreaterThan(50);
  const f = join(await dir(), "khong-ket-qua.xls");
  await writeFile(f, XLSX.write(wb, { type: "buffer", bookType: "biff8" }));
  // What the file holds: the formulas, each with the blank result a tool that did not compute writes.
  const back = XLSX.read(await readFile(f), { type: "buffer", cellFormula: true });
  expect(back.Sheets["Báo cáo"]!.C15).toMatchObject({ f: "SUM(C4:C13)", v: "" });
  return f;
}

describe(".xls and .ods formulas saved without results", () => {
  it("are computed and checked: the same issues as the workbook saved with its results, and a notice of the computed cells", async () => {
    const want = JSON.parse((await runCli(["validate", seedWorkbook(SEED), "--json"])).out) as Doc;
    expect(key(want).some((k) => k.includes("total_sum_range"))).toBe(true);
    for (const f of [await xlsWithoutResults(), await odsWithoutResults()]) {
      const r = await runCli(["validate", f, "--json"]);
      const got = JSON.parse(r.out) as Doc;
      const computed = got.issues!.filter((i) => i.rule === "formula_computed");
      expect(computed, f).toHaveLength(1);
      expect(computed[0]!.cells).toContain("C15");
      expect(got.issues!.filter((i) => i.rule === "formula_unevaluated")).toEqual([]);
      let expected = key(want);
      if (f.endsWith(".ods")) {
        // SheetJS's .ods writer drops error cells (L14 is #DIV/0!), formula and all: nothing to flag there.
        expect(XLSX.read(await readFile(f), { type: "buffer" }).Sheets["Báo cáo"]!.L14).toBeUndefined();
        expected = expected.filter((k) => k !== "error formula_error L14");
      }
      expect(key(got), f).toEqual(expected);
      expect(r.code).toBe(1);
    }
  });

  it("a saved blank result that its formula also gives is kept, with no notice", async () => {
    const ws = XLSX.utils.aoa_to_sheet([["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM", "Tỷ lệ chi bộ đạt TSVM (%)"], ["Xã Sơn Mỹ", 0, 0, ""], ["Xã Tân Đức", 8, 4, 50]]);
    // =IF(B2=0,"",C2), saved by Excel as "": B2, 0, =, "", C2, then IF (function 1) of three arguments.
    const ifBlank = [0x44, ...ref("B2"), 0x1e, 0, 0, 0x0b, 0x17, 0, 0, 0x44, ...ref("C2"), 0x42, 3, 1, 0];
    // No value given: the blank string a FORMULA record holds, whether Excel computed "" or nothing computed it.
    ws.D2 = { t: "s", bf: [ifBlank.length, 0, ...ifBlank] } as unknown as XLSX.CellObject;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "Báo cáo");
    const f = join(await dir(), "if-rong.xls");
    await writeFile(f, XLSX.write(wb, { type: "buffer", bookType: "biff8" }));
    expect(XLSX.read(await readFile(f), { type: "buffer", cellFormula: true }).Sheets["Báo cáo"]!.D2).toMatchObject({ f: 'IF(B2=0,"",C2)', v: "" });
    const got = JSON.parse((await runCli(["validate", f, "--json"])).out) as Doc;
    expect(got.issues!.filter((i) => /^formula_/.test(i.rule))).toEqual([]);
  });

  it("a formula the engine cannot compute is named, never a silent blank", async () => {
    const ws = XLSX.utils.aoa_to_sheet([["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM"], ["Xã Sơn Mỹ", 9, 6], ["Xã Tân Đức", 8, 4]]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "Báo cáo");
    const files = unzipSync(new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "ods" })));
    // C3 becomes a formula of a function no engine here knows, with no saved result.
    const xml = strFromU8(files["content.xml"]!).replace(/<table:table-cell office:value-type="float" office:value="4"><text:p>4<\/text:p><\/table:table-cell>/, '<table:table-cell table:formula="of:=WEBSERVICE(&quot;x&quot;)" office:value-type="float"></table:table-cell>');
    files["content.xml"] = strToU8(xml);
    const f = join(await dir(), "khong-tinh-duoc.ods");
    await writeFile(f, zipSync(files));
    const got = JSON.parse((await runCli(["validate", f, "--json"])).out) as Doc;
    const named = got.issues!.filter((i) => i.rule === "formula_unevaluated");
    expect(named.map((i) => i.cells)).toEqual([["C3"]]);
    expect(named[0]!.message).toMatch(/WEBSERVICE/);
  });

  it("a password-protected .xls (its FILEPASS record) gets its own message and JSON error, not 'damaged'", async () => {
    const wb = XLSX.read(await readFile(seedWorkbook(SEED)), { type: "buffer" });
    const cfb = XLSX.CFB.read(XLSX.write(wb, { type: "buffer", bookType: "biff8" }), { type: "buffer" });
    const entry = XLSX.CFB.find(cfb, "Workbook")!;
    const stream = Buffer.from(entry.content as Uint8Array);
    // After the workbook's BOF record: FilePass, RC4 (wEncryptionType 1, version 1.1, salt and verifier).
    const bofEnd = 4 + stream.readUInt16LE(2);
    const body = Buffer.concat([Buffer.from([1, 0, 1, 0, 1, 0]), Buffer.alloc(48, 0x5a)]);
    const head = Buffer.from([0x2f, 0x00, body.length & 255, body.length >> 8]);
    entry.content = Buffer.concat([stream.subarray(0, bofEnd), head, body, stream.subarray(bofEnd)]);
    entry.size = entry.content.length;
    const f = join(await dir(), "co-mat-khau.xls");
    await writeFile(f, XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer);
    const r = await runCli(["validate", f, "--json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as Doc;
    expect(doc.error).toEqual({ code: "password-protected", message: expect.stringMatching(/mật khẩu/) });
    const plain = await runCli(["validate", f]);
    expect(plain.err).toMatch(/đặt mật khẩu/);
    expect(plain.err).not.toMatch(/hỏng|\.xlsx/);
  });
});
