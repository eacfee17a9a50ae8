import { cpus, loadavg } from "node:os";
import { Parser, type CellCoord } from "hot-formula-parser";
import { FormulaEvaluator, type FormulaSheet } from "../shared/parse/formula-engine.ts";

/**
 * The formula engine's speed on a sheet saved without formula results: ROWS communes, each row
 * with a rate (ROUND(C/B*100,2)), a guarded rate (IF(B=0,"",C/B)) and a running IFERROR, and a
 * total row of SUMs. Against it, in the same run and rounds alternating, hot-formula-parser
 * alone (one Parser reused, its cells answered from the same grid: the library's best case,
 * which also gets IF wrong). Prints one JSON object; formulas per second, medians.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 10000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const load0 = loadavg();

const values: (number | string)[][] = [];
const formulas: (string | null)[][] = [];
for (let r = 0; r < ROWS; r++) {
  const n = r + 2;
  const total = r % 97 === 0 ? 0 : 5 + (r % 13);
  values.push([`Xã mẫu ${String(r + 1).padStart(5, "0")}`, total, Math.min(total, r % 11), "", "", ""]);
  formulas.push([null, null, null, `=ROUND(C${n}/B${n}*100,2)`, `=IF(B${n}=0,"",C${n}/B${n})`, `=IFERROR(D${n}/100,0)`]);
}
values.push(["Tổng cộng", "", "", "", "", ""]);
formulas.push([null, `=SUM(B2:B${ROWS + 1})`, `=SUM(C2:C${ROWS + 1})`, `=ROUND(C${ROWS + 2}/B${ROWS + 2}*100,2)`, null, null]);
// Row 0 is the header; the grid above starts at row 1.
const at = (r: number) => r - 1;
const sheet: FormulaSheet = {
  key: "Báo cáo",
  value: (r, c) => values[at(r)]?.[c] ?? "",
  formula: (r, c) => formulas[at(r)]?.[c] ?? null,
  lastColumn: () => 5,
};
const cells: [number, number][] = [];
formulas.forEach((row, i) => row.forEach((f, c) => { if (f) cells.push([i + 1, c]); }));

function engineRound(): number {
  const engine = new FormulaEvaluator({ sheet: () => sheet });
  let errors = 0;
  for (const [r, c] of cells) { const v = engine.valueAt(sheet, r, c, null); if (typeof v === "string" && v.startsWith("#")) errors++; }
  return errors;
}

function libraryRound(): number {
  const parser = new Parser();
  const memo = new Map<number, unknown>();
  const cell = (r: number, c: number): unknown => {
    const f = sheet.formula(r, c);
    if (!f) { const v = sheet.value(r, c); return v === "" ? null : v; }
    const key = r * 8 + c;
    if (!memo.has(key)) { const { error, result } = parser.parse(f.slice(1)); memo.set(key, error ?? result); }
    return memo.get(key);
  };
  parser.on("callCellValue", (coord: CellCoord, done) => done(cell(coord.row.index, coord.column.index)));
  parser.on("callRangeValue", (a: CellCoord, b: CellCoord, done) => {
    const rows: unknown[][] = [];
    for (let r = a.row.index; r <= b.row.index; r++) { const row: unknown[] = []; for (let c = a.column.index; c <= b.column.index; c++) row.push(cell(r, c)); rows.push(row); }
    done(rows);
  });
  let errors = 0;
  for (const [r, c] of cells) { const v = cell(r, c); if (typeof v === "string" && v.startsWith("#")) errors++; }
  return errors;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => number) => { const t = process.hrtime.bigint(); const errors = f(); return { ms: Number(process.hrtime.bigint() - t) / 1e6, errors }; };
engineRound(); libraryRound(); // warm-up
const engine: number[] = [], library: number[] = [];
let engineErrors = 0, libraryErrors = 0;
for (let k = 0; k < ROUNDS; k++) {
  const a = time(engineRound); engine.push(a.ms); engineErrors = a.errors;
  const b = time(libraryRound); library.push(b.ms); libraryErrors = b.errors;
}
const perSecond = (ms: number) => Math.round(cells.length / (ms / 1000));
console.log(JSON.stringify({
  script: "formulas.ts",
  formulas: cells.length,
  engine: { medianMs: +median(engine).toFixed(1), formulasPerSecond: perSecond(median(engine)), errorResults: engineErrors },
  hotFormulaParserAlone: { medianMs: +median(library).toFixed(1), formulasPerSecond: perSecond(median(library)), errorResults: libraryErrors },
  ratio: +(median(engine) / median(library)).toFixed(2),
  note: "errorResults: rows with B=0 give #DIV/0! in D and F is 0 (IFERROR); E is \"\". hot-formula-parser also errs on E (both IF branches evaluated)",
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, loadAverageStart: load0.map((x) => +x.toFixed(1)), loadAverageEnd: loadavg().map((x) => +x.toFixed(1)) },
}, null, 2));
