import { mkdtemp, rm, stat } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { compileValidator, getCatalog, readSheet, summarize, type OrgUnit } from "../shared/index.ts";
import { worksheetGrid } from "../cli/xlsx-grid.ts";
import { writeCountryWorkbook } from "./generate-country.ts";

/**
 * Validation throughput on a workbook of ROWS communes × every catalog indicator, against the
 * time exceljs takes to load the same file, measured in the same run. Prints one JSON object.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 10000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

const dir = await mkdtemp(join(tmpdir(), "htct-bench-"));
const file = join(dir, "country.xlsx");
let t = process.hrtime.bigint();
const { columns } = await writeCountryWorkbook(file, ROWS);
const generateMs = ms(t);
const bytes = (await stat(file)).size;

const catalog = getCatalog();
const units: OrgUnit[] = Array.from({ length: ROWS }, (_, i) => ({ code: `B-${i}`, name: `Xã mẫu ${String(i + 1).padStart(5, "0")}`, level: "commune", type: "xa", parent: "B", sample: true, aliases: [] }));
const validate = compileValidator(catalog);

const loads: number[] = [];
const grids: number[] = [];
const reads: number[] = [];
const checks: number[] = [];
let values = 0;
let issues = 0;
let summary = { errors: 0, warnings: 0, infos: 0 };
for (let k = 0; k < REPEAT; k++) {
  t = process.hrtime.bigint();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  loads.push(ms(t));
  t = process.hrtime.bigint();
  const grid = worksheetGrid(wb.getWorksheet("Báo cáo")!);
  grids.push(ms(t));
  t = process.hrtime.bigint();
  const read = readSheet(grid, { catalog, units });
  reads.push(ms(t));
  t = process.hrtime.bigint();
  const found = validate(read.table);
  checks.push(ms(t));
  values = read.mapping.length * read.table.rows.length;
  issues = read.issues.length + found.length;
  summary = summarize([...read.issues, ...found]);
}
clearInterval(sampler);
await rm(dir, { recursive: true, force: true });

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const load = median(loads);
const validation = median(reads) + median(checks);
console.log(JSON.stringify({
  bench: "validate",
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  workbook: { rows: ROWS, columns, values, bytes, generateMs: Math.round(generateMs) },
  exceljsLoadMs: Math.round(load),
  gridMs: Math.round(median(grids)),
  readSheetMs: Math.round(median(reads)),
  rulesMs: Math.round(median(checks)),
  validationMs: Math.round(validation),
  valuesPerSecond: Math.round(values / (validation / 1000)),
  validationShareOfLoad: Math.round((validation / load) * 1000) / 1000,
  issues, summary,
  peakRssMiB: Math.round(peakRss / 2 ** 20),
  targets: { valuesPerSecond: 1_000_000, validationShareOfLoad: 0.2 },
  pass: values / (validation / 1000) >= 1_000_000 && validation / load <= 0.2,
}, null, 2));
