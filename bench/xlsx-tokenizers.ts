import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { Zip } from "../shared/xlsx/zip.ts";
import { cellStyles, scanPart, sharedStrings, workbookInfo } from "../shared/xlsx/parts.ts";
import { SheetReader } from "../shared/xlsx/sheet.ts";
import type { Tag } from "../shared/xlsx/xml-scan.ts";
import { writeCountryWorkbook } from "./generate-country.ts";

/**
 * The two XML tokenizers measured for the streaming reader on the benchmark's sheet (ROWS
 * communes × every indicator): the project's narrow scanner (shared/xlsx/xml-scan.ts) and
 * saxes (the well-kept SAX parser exceljs uses), both feeding the same SheetReader from the
 * same inflated slices; inflating alone (fflate) is timed too. Prints JSON.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 10000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

const dir = await mkdtemp(join(tmpdir(), "htct-bench-"));
const file = join(dir, "country.xlsx");
await writeCountryWorkbook(file, ROWS);
const bytes = new Uint8Array(await readFile(file));
await rm(dir, { recursive: true, force: true });

const zip = new Zip(bytes);
const info = workbookInfo(zip);
const part = info.sheets[0]!.part;
const strings = sharedStrings(zip, info.sharedStrings);
const styles = cellStyles(zip, info.styles);

function inflateOnly(): number {
  let n = 0;
  zip.stream(part, (c) => { n += c.length; });
  return n;
}

function narrow(): number {
  const r = new SheetReader("Báo cáo", strings, styles, false);
  scanPart(zip, part, r);
  return r.grid().values.length;
}

function saxes(): number {
  const r = new SheetReader("Báo cáo", strings, styles, false);
  const p = new SaxesParser();
  const local = (n: string) => { const k = n.indexOf(":"); return k < 0 ? n : n.slice(k + 1); };
  let attrs: Record<string, string> = {};
  // saxes gives decoded values: the spans point into their concatenation.
  let source = "";
  const tag: Tag = {
    attr: (n) => attrs[n], attrs: (names, out) => { names.forEach((n, k) => { out[k] = attrs[n]; }); },
    attrSpans: (names, spans) => {
      source = "";
      names.forEach((n, k) => { const v = attrs[n]; spans[2 * k] = v === undefined ? -1 : source.length; if (v !== undefined) source += v; spans[2 * k + 1] = v === undefined ? -1 : source.length; });
    },
    get source() { return source; },
  };
  p.on("opentag", (node) => { attrs = node.attributes as Record<string, string>; r.open(local(node.name), tag); if (node.isSelfClosing) r.close(local(node.name)); });
  p.on("closetag", (node) => { if (!node.isSelfClosing) r.close(local(node.name)); });
  p.on("text", (t) => r.text(t));
  p.on("error", (e) => { throw e; });
  const dec = new TextDecoder();
  zip.stream(part, (c) => { p.write(dec.decode(c, { stream: true })); });
  p.close();
  return r.grid().values.length;
}

const xmlBytes = inflateOnly();
const times: Record<string, number[]> = { inflate: [], narrow: [], saxes: [] };
let rows = 0;
for (let k = 0; k < REPEAT; k++) {
  let t = process.hrtime.bigint(); inflateOnly(); times.inflate!.push(ms(t));
  t = process.hrtime.bigint(); rows = narrow(); times.narrow!.push(ms(t));
  t = process.hrtime.bigint(); if (saxes() !== rows) throw new Error("saxes read a different grid"); times.saxes!.push(ms(t));
}
const mb = xmlBytes / 2 ** 20;
const r = (k: string) => ({ ms: Math.round(median(times[k]!)), mibPerSecond: Math.round(mb / (median(times[k]!) / 1000)) });
console.log(JSON.stringify({
  bench: "xlsx-tokenizers",
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, load: loadavg().map((l) => Math.round(l * 10) / 10) },
  workbook: { rows: ROWS, bytes: bytes.length, sheetXmlBytes: xmlBytes, gridRows: rows },
  inflate: r("inflate"), narrowScanner: r("narrow"), saxes: r("saxes"),
  saxesOverNarrow: Math.round((median(times.saxes!) / median(times.narrow!)) * 100) / 100,
}, null, 2));
