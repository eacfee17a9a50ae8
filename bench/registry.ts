/**
 * The national registry's speed (`npx tsx bench/registry.ts`), printing JSON: building it from
 * the dvhcvn dataset (when ../shared/data/dvhcvn-20250701 is there), loading the shipped file
 * with all periods (time and memory, in this fresh process), and matching the 3,321 current
 * commune names, each against its province's matcher, built once per province.
 */
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";

const MiB = (b: number) => +(b / 1048576).toFixed(1);
const source = resolve(process.argv[2] ?? "../shared/data/dvhcvn-20250701");

// The modules first (zod, the decoder), so the timing is the data's: read, parse, check, decode.
const { readFileSync } = await import("node:fs");
const { parseNationalRegistry } = await import("../shared/registry/national.ts");
global.gc?.();
const heap0 = process.memoryUsage().heapUsed;
const rss0 = process.memoryUsage().rss;
let t = performance.now();
const registry = parseNationalRegistry(JSON.parse(readFileSync(new URL("../data/registry/vn-units.json", import.meta.url), "utf8")));
const loadMs = performance.now() - t;
const loadHeapMiB = MiB(process.memoryUsage().heapUsed - heap0);
const loadRssMiB = MiB(process.memoryUsage().rss - rss0);

// The same units as `htct registry import -o` writes them, read back as `--registry FILE` reads
// them: the whole-registry check, with its per-row fast path.
const { checkRegistry } = await import("../shared/registry/check.ts");
const written = JSON.stringify(registry);
t = performance.now();
const checked = checkRegistry(JSON.parse(written) as unknown[]);
const unitsFileMs = performance.now() - t;

const { createNameMatcher } = await import("../shared/registry/names.ts");
const { prefixedName } = await import("../shared/registry/levels.ts");
const current = registry.filter((u) => !u.validTo);
const provinces = current.filter((u) => u.level === "province");
const byProvince = new Map(provinces.map((p) => [p.code, current.filter((u) => u.parent === p.code)]));
const names = [...byProvince.values()].flat().map((u) => ({ province: u.parent!, name: prefixedName(u), code: u.code }));
t = performance.now();
const matchers = new Map([...byProvince].map(([p, units]) => [p, createNameMatcher(units)]));
const indexMs = performance.now() - t;
const runs: number[] = [];
let matched = 0;
for (let run = 0; run < 5; run++) {
  t = performance.now();
  matched = 0;
  for (const n of names) { const m = matchers.get(n.province)!.match(n.name); if (m.status === "exact" && m.unit.code === n.code) matched++; }
  runs.push(performance.now() - t);
}

// Which provinces each province may read across by the national links (issue 17), every province once.
const { nationallyLinkedProvinces } = await import("../shared/registry/cross-province.ts");
const allProvinces = [...new Set(registry.filter((u) => u.parent === null).map((u) => u.code))];
t = performance.now();
const linkCounts = allProvinces.map((p) => nationallyLinkedProvinces(registry, p).size);
const linksMs = performance.now() - t;

let build: { ms: number; rows: number } | { skipped: string };
if (existsSync(source)) {
  const { buildNationalRegistry } = await import("../scripts/registry-national.ts");
  t = performance.now();
  const file = await buildNationalRegistry(source);
  build = { ms: Math.round(performance.now() - t), rows: file.rows.length };
} else build = { skipped: `no dataset at ${source}` };

console.log(JSON.stringify({
  benchmark: "registry",
  machine: { cpus: cpus().length, load: loadavg().map((l) => +l.toFixed(2)) },
  build: { ...build, target: "≤ 5,000 ms" },
  load: { units: registry.length, ms: Math.round(loadMs), heapMiB: loadHeapMiB, rssMiB: loadRssMiB, target: "≤ 300 ms, ≤ 100 MB" },
  unitsFile: { units: checked.units.length, problems: checked.problems.length, ms: Math.round(unitsFileMs) },
  match: {
    names: names.length, matched, indexMs: Math.round(indexMs), firstRunMs: +runs[0]!.toFixed(1),
    bestMs: +Math.min(...runs).toFixed(1), target: "≤ 100 ms for all names",
  },
  crossProvinceLinks: { provinces: allProvinces.length, ms: Math.round(linksMs), linked: linkCounts.reduce((a, b) => a + b, 0), maxPerProvince: Math.max(...linkCounts) },
}, null, 2));
