/**
 * What `htct` costs before it does anything (`npx tsx bench/cli-start.ts [--quick]`), printing
 * JSON: `node -e 0`, `htct --help` and `htct validate` of a small seed workbook, each a fresh
 * child process of the built bundle (cli/bin.mjs after scripts/build-cli.mjs), run in turn
 * round after round so that a busy moment weighs on all three alike. Medians, with the load.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const quick = process.argv.includes("--quick");
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../cli/bin.mjs", import.meta.url));
const small = fileURLToPath(new URL("../seeds/workbooks/ham-tan-2012-06.xlsx", import.meta.url));
execFileSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root, stdio: "pipe" });
const load0 = loadavg();

const runs = { node: [] as number[], help: [] as number[], validateSmall: [] as number[] };
const time = (args: string[], okStatus: number[]): number => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  const ms = performance.now() - t0;
  if (!okStatus.includes(r.status ?? -1)) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return ms;
};
for (let i = 0; i < (quick ? 3 : 9); i++) {
  runs.node.push(time(["-e", "0"], [0]));
  runs.help.push(time([bin, "--help"], [0]));
  // Exit 1 is the seed workbook's data errors, which is what validate is for.
  runs.validateSmall.push(time([bin, "validate", small], [0, 1]));
}
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
const m = { nodeMs: median(runs.node), helpMs: median(runs.help), validateSmallMs: median(runs.validateSmall) };
console.log(JSON.stringify({
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, loadAverageStart: load0.map((x) => +x.toFixed(1)), loadAverageEnd: loadavg().map((x) => +x.toFixed(1)) },
  cliStart: {
    ...m,
    helpOverNodeMs: m.helpMs - m.nodeMs, validateSmallOverNodeMs: m.validateSmallMs - m.nodeMs,
    runsMs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((x) => Math.round(x))])),
    targets: { helpMs: 250, validateSmallMs: 600 },
    met: { help: m.helpMs <= 250, validateSmall: m.validateSmallMs <= 600 },
  },
}, null, 2));
