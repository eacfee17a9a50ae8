/**
 * DHIS2 exchange (`npx tsx bench/exports.ts`), printing JSON: a 170-commune two-tier province's
 * year, every commune reporting the demo's commune figures (scripts/demo.ts), exported as ADX and as DHIS2 CSV
 * through the demo-style mapping, ten times each after a warm-up. Target: ≤ 1 s per export.
 */
import { getCatalog } from "../shared/index.ts";
import { Dhis2Mapping } from "../shared/contract/dhis2-mapping.ts";
import { exportRollup } from "../shared/export/dhis2-export.ts";
import { buildRollup, unitNode } from "../functions/lib/rollup.ts";
import { sampleDhis2Mapping } from "../seeds/dhis2-mapping.ts";
import { sampleTwoTierProvince } from "../scripts/seed-provincial.ts";
import { communeValues } from "../scripts/demo.ts";

const COMMUNES = 170;
const PERIOD = "2026";
const catalog = getCatalog();
const registry = sampleTwoTierProvince("BEX", COMMUNES);
const communes = registry.filter((u) => u.level === "commune");
const at = "2026-12-20T03:00:00.000Z";
const stored = communes.map((c, i) => {
  const state = { unit: c.code, version: 1, lastSubmissionId: `s-${c.code}`, firstSubmittedAt: at, lastSubmittedAt: at, values: { [c.code]: communeValues(i + 1) } };
  return { ...state, node: unitNode(catalog, registry, PERIOD, state) };
});
const rollup = buildRollup({ catalog, province: "BEX", period: PERIOD, registry, targets: [], stored, locked: false, now: new Date("2027-01-05T00:00:00Z") });
const mapping = Dhis2Mapping.parse(sampleDhis2Mapping(catalog, registry));

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const results: Record<string, unknown> = {};
for (const format of ["adx", "dhis2-csv"] as const) {
  exportRollup(rollup, mapping, format);
  const ms: number[] = [];
  let out = { values: 0, body: "" };
  for (let k = 0; k < 10; k++) {
    const t0 = performance.now();
    out = exportRollup(rollup, mapping, format);
    ms.push(performance.now() - t0);
  }
  results[format] = { values: out.values, bytes: Buffer.byteLength(out.body), p50Ms: Math.round(pct(ms, 50) * 10) / 10, maxMs: Math.round(Math.max(...ms) * 10) / 10, targetMs: 1000 };
}
console.log(JSON.stringify({ bench: "exports", communes: COMMUNES, period: PERIOD, ...results }, null, 2));
