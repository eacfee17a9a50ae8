import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeCountryWorkbook } from "./generate-country.ts";

/**
 * What the user waits for: `htct validate --json` on the ROWS-commune workbook as a child
 * process (file on disk → issues printed), its wall time and peak RSS (GNU time's maximum
 * resident set), beside exceljs' load of the same file in the same run; the BIG-row workbook
 * validated under --max-old-space-size=1024; the CLI's start (`--help`, a small file) against
 * `node -e 0`; the same workbook in TCVN3 and saved without formula results (`copies`, issue 16;
 * BENCH_COPIES=0 skips them). The CLI runs as users run it: cli/bin.mjs, the bundle when built.
 * Prints JSON.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 10000);
const BIG = Number(process.env.BENCH_BIG_ROWS ?? 100000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "cli/bin.mjs");
const TIME = "/usr/bin/time";
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

if (!existsSync(join(root, "cli/dist/htct.mjs"))) spawnSync(process.execPath, [join(root, "scripts/build-cli.mjs")], { stdio: "inherit" });

/** Runs a child, stdout to a file; wall ms and max RSS in MiB (from GNU time when present). */
function child(args: string[], out: string): { ms: number; rssMiB: number | null; status: number | null; outBytes: number } {
  const fd = openSync(out, "w");
  const useTime = existsSync(TIME);
  const t = process.hrtime.bigint();
  const r = spawnSync(useTime ? TIME : process.execPath, useTime ? ["-f", "%M", process.execPath, ...args] : args, { stdio: ["ignore", fd, "pipe"], encoding: "utf8", cwd: root });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  closeSync(fd);
  const kb = useTime ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { ms, rssMiB: Number.isFinite(kb) ? Math.round(kb / 1024) : null, status: r.status, outBytes: statSync(out).size };
}

const dir = await mkdtemp(join(tmpdir(), "htct-e2e-"));
const file = join(dir, "country.xlsx");
const { columns } = await writeCountryWorkbook(file, ROWS);
const values = ROWS * columns;
const out = join(dir, "out.json");

const e2e: ReturnType<typeof child>[] = [];
const excel: number[] = [];
const loader = `import ExcelJS from "exceljs"; const t = performance.now(); const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(${JSON.stringify(file)}); console.log(performance.now() - t);`;
for (let k = 0; k < REPEAT; k++) {
  e2e.push(child([bin, "validate", file, "--json"], out));
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", loader], { encoding: "utf8", cwd: root });
  excel.push(Number(r.stdout.trim()));
}
const wall = median(e2e.map((r) => r.ms));
const load = median(excel);

const start = (args: string[]) => median(Array.from({ length: 5 }, () => child(args, join(dir, "start.txt")).ms));
const small = join(root, "seeds/workbooks/ham-tan-2012-06.xlsx");
const startup = { nodeMs: Math.round(start(["-e", "0"])), helpMs: Math.round(start([bin, "--help"])), validateSmallMs: Math.round(start([bin, "validate", small])) };

// Issue 16: the same workbook kept in TCVN3 (.VnTime) and saved without formula results (the
// sums and rates as formulas with no value, computed by the core's engine), end to end as well.
const copies: Record<string, unknown> = {};
if (process.env.BENCH_COPIES !== "0") {
  for (const kind of ["tcvn3", "formulas"] as const) {
    const f = join(dir, `${kind}.xlsx`);
    const made = await writeCountryWorkbook(f, ROWS, 1, kind === "tcvn3" ? { tcvn3: true } : { formulas: true });
    const runs = Array.from({ length: REPEAT }, () => child([bin, "validate", f, "--json"], out));
    const ms = median(runs.map((r) => r.ms));
    copies[kind] = {
      bytes: statSync(f).size, formulas: made.formulas, wallMs: runs.map((r) => Math.round(r.ms)), medianMs: Math.round(ms), exitCode: runs[0]!.status,
      peakRssMiB: Math.max(...runs.map((r) => r.rssMiB ?? 0)), valuesPerSecondEndToEnd: Math.round(values / (ms / 1000)), shareOfExceljsLoad: Math.round((ms / load) * 1000) / 1000,
    };
  }
}

let big: Record<string, unknown> = { rows: BIG, skipped: true };
if (BIG > 0) {
  const bigFile = join(dir, "big.xlsx");
  await writeCountryWorkbook(bigFile, BIG);
  const r = child(["--max-old-space-size=1024", bin, "validate", bigFile, "--json"], out);
  big = { rows: BIG, bytes: statSync(bigFile).size, values: BIG * columns, ms: Math.round(r.ms), rssMiB: r.rssMiB, exitCode: r.status, validated: r.status === 0 || r.status === 1, outBytes: r.outBytes };
}
await rm(dir, { recursive: true, force: true });

const ratio = wall / load;
const rate = values / (wall / 1000);
const peak = Math.max(...e2e.map((r) => r.rssMiB ?? 0));
console.log(JSON.stringify({
  bench: "cli-e2e",
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAtEnd: loadavg().map((l) => Math.round(l * 10) / 10) },
  workbook: { rows: ROWS, columns, values },
  validateJson: { wallMs: e2e.map((r) => Math.round(r.ms)), medianMs: Math.round(wall), exitCode: e2e[0]!.status, outBytes: e2e[0]!.outBytes, peakRssMiB: peak },
  exceljsLoadMs: excel.map(Math.round), exceljsLoadMedianMs: Math.round(load),
  shareOfExceljsLoad: Math.round(ratio * 1000) / 1000,
  valuesPerSecondEndToEnd: Math.round(rate),
  copies, big, startup,
  targets: { shareOfExceljsLoad: 0.3, valuesPerSecondEndToEnd: 1_000_000, peakRssMiB: 500, helpMs: 250, validateSmallMs: 600 },
  pass: ratio <= 0.3 && rate >= 1_000_000 && peak <= 500 && startup.helpMs <= 250 && startup.validateSmallMs <= 600 && (BIG === 0 || big.validated === true),
}, null, 2));
