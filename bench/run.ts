import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * `npm run bench`: every benchmark in turn, each in its own process (so one's memory does not
 * weigh on the next), printing one JSON document: {machine, results: [...]}.
 */
const scripts = ["validate.ts", "cli-e2e.ts", "cli-start.ts", "xlsx-tokenizers.ts", "transposed.ts", "layouts.ts", "functions.ts", "submission-cpu.ts", "rollup-cpu.ts --compare", "two-tier.ts", "overload.ts", "scorecard.ts", "approvals.ts", "rollup-preview.ts", "addin.ts", "pane.ts", "detail.ts", "registry.ts", "exports.ts", "reports.ts", "formulas.ts", "past-rollup.ts"].map((entry) => { const [f, ...args] = entry.split(" "); return { path: fileURLToPath(new URL(f!, import.meta.url)), args }; }).filter((s) => existsSync(s.path));
const results: unknown[] = [];
for (const { path: script, args } of scripts) {
  process.stderr.write(`bench: ${script} ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) { results.push({ script, error: `exit ${r.status}` }); continue; }
  const out = r.stdout.trim();
  const start = out.indexOf("{");
  try { results.push(JSON.parse(out.slice(start))); } catch { results.push({ script, error: "no JSON output", output: out.slice(-500) }); }
}
console.log(JSON.stringify({ ranAt: new Date().toISOString(), results }, null, 2));
