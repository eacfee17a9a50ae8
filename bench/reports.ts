/**
 * Province outputs (`npx tsx bench/reports.ts`), printing JSON, ten timed runs each after a warm-up:
 * - rollup JSON: a 3,321-commune province (the whole country's communes under one, the worst
 *   case of one answer), every commune reporting and carrying an approval state, built as
 *   GET /api/rollups builds it (buildRollup over stored unit nodes), serialised, and parsed back
 *   with the contract's schema as a client does; the server's and the client's parts are also
 *   timed apart. Target ≤ 500 ms (the p50 of both together). Each unit's approval carries its
 *   levels' states as the route adds them (the one-level default); the same answer without them
 *   is timed in the same run, for the cost of the levels.
 * - report: a 170-commune province's year drafted in the party's document form against the year
 *   before (10 communes fewer reporting, so the coverage wording is computed) and packed as
 *   .docx. Target ≤ 2 s.
 */
import { Packer } from "docx";
import { getCatalog, periodOf } from "../shared/index.ts";
import { RollupResponse, type RollupApproval } from "../shared/contract/rollups.ts";
import { draftReport } from "../shared/report/draft.ts";
import { draftDocument } from "../shared/report/draft-docx.ts";
import { buildRollup, unitNode } from "../functions/lib/rollup.ts";
import { sampleTwoTierProvince } from "../scripts/seed-provincial.ts";
import { communeValues } from "../scripts/demo.ts";
import { APPROVAL_LEVELS_V1 } from "../shared/approval/levels-v1.ts";
import { levelStates } from "../shared/approval/flow.ts";

const catalog = getCatalog();
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const round = (x: number) => Math.round(x * 10) / 10;
async function time(run: () => unknown | Promise<unknown>): Promise<{ p50Ms: number; maxMs: number }> {
  await run();
  const ms: number[] = [];
  for (let k = 0; k < 10; k++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  return { p50Ms: round(pct(ms, 50)), maxMs: round(Math.max(...ms)) };
}

function province(code: string, communes: number, period: string, reporting: number, seed: number) {
  const registry = sampleTwoTierProvince(code, communes);
  const at = `${periodOf(period).year}-12-20T03:00:00.000Z`;
  const units = registry.filter((u) => u.level === "commune").slice(0, reporting).map((c, i) => {
    const state = { unit: c.code, version: 1, lastSubmissionId: `s-${c.code}`, firstSubmittedAt: at, lastSubmittedAt: at, values: { [c.code]: communeValues(seed + i) } };
    return { ...state, node: unitNode(catalog, registry, period, state) };
  });
  return { registry, units };
}

const STATES = ["approved", "complete", "returned", "reopened"] as const;
const big = province("BRJ", 3_321, "2026", 3_321, 1);
const bare = new Map<string, RollupApproval>(big.units.map((u, i) => [u.unit, { state: STATES[i % 4]!, version: 1, by: "province-BRJ", at: "2026-12-22T03:00:00.000Z", comment: i % 4 === 2 ? "Rà soát lại số đảng viên" : null }]));
const chain = APPROVAL_LEVELS_V1.default;
const approvals = new Map<string, RollupApproval>([...bare].map(([u, a]) => [u, { ...a, levels: levelStates(chain, a.state, [], { by: a.by, at: a.at }) }]));
let bytes = 0;
let body = "";
// The server's part (the answer built and serialised) and the client's (parsed and checked), timed apart.
const serveWith = (list: ReadonlyMap<string, RollupApproval>) => () => {
  body = JSON.stringify(buildRollup({ catalog, province: "BRJ", period: "2026", registry: big.registry, targets: [], stored: big.units, approvals: list, locked: false, now: new Date("2027-01-05T00:00:00Z") }));
  bytes = body.length;
};
const serveBare = serveWith(bare);
serveBare();
const bareBytes = bytes;
const withoutLevels = await time(() => { serveBare(); return RollupResponse.parse(JSON.parse(body)); });
const serve = serveWith(approvals);
const server = await time(serve);
const client = await time(() => RollupResponse.parse(JSON.parse(body)));
const rollupJson = await time(() => { serve(); return RollupResponse.parse(JSON.parse(body)); });

const now = province("BRP", 170, "2026", 170, 1);
const then = province("BRP", 170, "2025", 160, 7);
const build = (p: typeof now, period: string) => buildRollup({ catalog, province: "BRP", period, registry: p.registry, targets: [], stored: p.units, locked: false, now: new Date(`${Number(period) + 1}-01-05T00:00:00Z`) });
const current = build(now, "2026"), previous = build(then, "2025");
let docx = 0, coverage = false;
const report = await time(async () => {
  const d = draftReport({ rollup: current, previous, yearEarlier: previous, lang: "vi" });
  coverage = d.sections.some((s) => s.paragraphs.some((p) => p.text.includes("chưa cùng phạm vi")));
  docx = (await Packer.toBuffer(draftDocument(d))).length;
});

console.log(JSON.stringify({
  bench: "reports",
  rollupJson: { communes: 3_321, withApproval: approvals.size, bytes, server, client, ...rollupJson, targetMs: 500, withoutLevels: { bytes: bareBytes, ...withoutLevels } },
  report: { communes: 170, comparedWith: "2025 (160/170 reporting)", coverageWorded: coverage, docxBytes: docx, ...report, targetMs: 2000 },
}, null, 2));
