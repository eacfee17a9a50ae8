import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { containerKind } from "../../cli/xls-ods.ts";
import { runCli, seedWorkbook } from "./run-cli.ts";

interface Doc {
  issues?: { rule: string; cells: string[]; severity: string }[];
  error?: { code: string; message: string };
}
const key = (d: Doc) => (d.issues ?? []).map((i) => `${i.severity} ${i.rule} ${i.cells.join(",")}`).sort();

/** The same workbook saved by SheetJS as Excel 97–2003 and as OpenDocument: real files, written here. */
async function copies(seed: string): Promise<Record<"xls" | "ods", string>> {
  const dir = await mkdtemp(join(tmpdir(), "htct-xls-"));
  const wb = XLSX.read(await readFile(seedWorkbook(seed)), { type: "buffer", cellNF: true });
  const out = { xls: join(dir, "bao-cao.xls"), ods: join(dir, "bao-cao.ods") };
  await writeFile(out.xls, XLSX.write(wb, { type: "buffer", bookType: "biff8" }));
  await writeFile(out.ods, XLSX.write(wb, { type: "buffer", bookType: "ods" }));
  return out;
}

describe(".xls and .ods workbooks", () => {
  it("tells the kinds apart by their bytes", async () => {
    const c = await copies("ham-tan-2012-06.xlsx");
    expect(containerKind(await readFile(c.xls))).toBe("xls");
    expect(containerKind(await readFile(c.ods))).toBe("ods");
    expect(containerKind(await readFile(seedWorkbook("ham-tan-2012-06.xlsx")))).toBe("xlsx");
    expect(containerKind(Buffer.from("STT;Đơn vị\n"))).toBe("unknown");
  });

  for (const seed of ["ham-tan-tong-sai.xlsx", "ham-tan-2012-06.xlsx"]) {
    it(`${seed}: the .xls and .ods copies give the .xlsx's issues and exit code`, async () => {
      const c = await copies(seed);
      const orig = await runCli(["validate", seedWorkbook(seed), "--json"]);
      const want = JSON.parse(orig.out) as Doc;
      for (const f of [c.xls, c.ods]) {
        const r = await runCli(["validate", f, "--json"]);
        expect(r.code, `${f}: ${r.err}`).toBe(orig.code);
        let expected = key(want);
        if (f === c.ods) {
          // SheetJS's .ods writer drops error cells (#DIV/0!), so the copy has none to flag.
          const ods = XLSX.read(await readFile(f), { type: "buffer" });
          const errorCells = expected.filter((k) => k.includes(" formula_error ")).map((k) => k.split(" ")[2]!);
          for (const a of errorCells) expect(ods.Sheets[ods.SheetNames[0]!]![a]).toBeUndefined();
          expected = expected.filter((k) => !k.includes(" formula_error "));
        }
        expect(key(JSON.parse(r.out) as Doc)).toEqual(expected);
      }
      // The planted errors are there in the copies too, and the clean workbook stays clean.
      if (seed === "ham-tan-tong-sai.xlsx") expect(key(want).some((k) => k.includes("total_sum_range"))).toBe(true);
      else expect(key(want).filter((k) => k.startsWith("error"))).toEqual([]);
    });
  }

  it("--json prints an error document for a password-protected file, exit code 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "htct-xls-"));
    const f = join(dir, "locked.xls");
    await writeFile(f, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from("EncryptionInfo\0EncryptedPackage", "utf16le")]));
    const r = await runCli(["validate", f, "--json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as Doc;
    expect(doc.error?.code).toBe("password-protected");
    expect(doc.error?.message).toMatch(/mật khẩu/);
    const en = await runCli(["validate", f, "--json", "--lang", "en"]);
    expect((JSON.parse(en.out) as Doc).error?.message).toMatch(/password-protected/);
  });

  it("--json prints an error document for every failure, even arguments that do not parse", async () => {
    for (const args of [["validate", "/no/such/file.xls", "--json"], ["validate", "--json", "--bogus"], ["nope", "--json"], ["validate", "--json"]]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      const doc = JSON.parse(r.out) as Doc;
      expect(typeof doc.error?.code).toBe("string");
      expect(doc.error?.message.length).toBeGreaterThan(0);
    }
    // Without --json the failure stays on stderr only.
    const plain = await runCli(["validate", "/no/such/file.xls"]);
    expect(plain.out).toBe("");
  });

  it("a damaged .ods gets a clear message, not a stack trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "htct-xls-"));
    const good = await readFile((await copies("ham-tan-2012-06.xlsx")).ods);
    const f = join(dir, "broken.ods");
    await writeFile(f, good.subarray(0, Math.floor(good.length / 2)));
    const r = await runCli(["validate", f, "--json"]);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.out) as Doc).error?.message).toMatch(/hỏng|không đọc được/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
