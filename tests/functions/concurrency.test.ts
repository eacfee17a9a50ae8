import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregate, getCatalog } from "../../shared/index.ts";
import { mergeSubmission, type ValuesByUnit, type Stamps, type SubmissionRequest } from "../../shared/contract/index.ts";
import { rng } from "../../scripts/demo.ts";
import { idem, startStack, submission, TST, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const PERIOD = "2020";
/** Indicators no rule ties to another, so random values are always valid. */
const FREE = ["poverty.escaped", "poverty.relapsed", "poverty.new_poor", "training.qlnn", "cadres.changes.cut", "members.admission_target"];
const UNITS = TST.filter((u) => u.level === "district").map((u) => u.code);

function randomSubmission(r: () => number, unitCode: string): SubmissionRequest {
  const communes = TST.filter((u) => u.parent === unitCode).map((u) => u.code);
  const replace = r() < 0.15;
  const units = communes
    .filter(() => replace || r() < 0.7)
    .map((unit) => ({ unit, values: Object.fromEntries(FREE.filter(() => replace || r() < 0.5).map((k) => [k, r() < 0.08 ? null : Math.floor(r() * 4)])) }))
    .filter((u) => Object.keys(u.values).length > 0);
  if (!units.length) units.push({ unit: communes[0]!, values: { [FREE[0]!]: Math.floor(r() * 4) } });
  // Bases: mostly recent, some stale, a few ahead of the server.
  const x = r();
  const baseVersion = x < 0.2 ? null : x < 0.95 ? Math.floor(r() * 6) : 40;
  return { ...submission(unitCode, { period: PERIOD, mode: replace ? "replace" : "merge", baseVersion, units }) };
}

describe("concurrency", () => {
  it("200 concurrent submissions from 30 units: stored = replay of accepted ones, refused ones changed nothing, rollup = recomputation", async () => {
    const r = rng(424242);
    const plan = Array.from({ length: 200 }, (_, i) => { const unitCode = UNITS[i < 30 ? i : Math.floor(r() * 30)]!; return { unitCode, body: randomSubmission(r, unitCode) }; });
    const answers = await Promise.all(plan.map(async (p) => ({ ...p, res: await s.call("POST", "/api/submissions", { user: `clerk-${p.unitCode}`, body: p.body, headers: idem("c") }) })));

    const statuses: Record<number, number> = {};
    for (const a of answers) statuses[a.res.status] = (statuses[a.res.status] ?? 0) + 1;
    expect(Object.keys(statuses).map(Number).every((c) => c === 200 || c === 409), JSON.stringify(statuses)).toBe(true);
    expect(statuses[200]).toBeGreaterThan(30);
    expect(statuses[409]).toBeGreaterThan(5);

    // Some accepted submissions were based on an older version than the one they followed.
    expect(answers.filter((a) => a.res.status === 200 && (a.body.baseVersion ?? 0) < a.res.json.version - 1).length).toBeGreaterThan(0);

    const { readUnit } = await import("../../functions/store/units.ts");
    const { readHistory } = await import("../../functions/store/history.ts");
    for (const unitCode of UNITS) {
      // A submission that changes nothing makes no version (it answers `unchanged` with the stored version) and leaves no history.
      const unchanged = answers.filter((a) => a.unitCode === unitCode && a.res.status === 200 && a.res.json.unchanged === true);
      const accepted = answers.filter((a) => a.unitCode === unitCode && a.res.status === 200 && a.res.json.unchanged !== true).sort((a, b) => a.res.json.version - b.res.json.version);
      for (const u of unchanged) expect(u.res.json.version).toBeLessThanOrEqual(accepted.length);
      expect(accepted.map((a) => a.res.json.version)).toEqual(accepted.map((_, i) => i + 1));
      // Replay with the same pure merge, in version order, from nothing.
      let values: ValuesByUnit = {};
      let stamps: Stamps = {};
      const at: ValuesByUnit[] = [{}];
      for (const a of accepted) {
        const base = a.body.baseVersion ?? 0;
        const m = mergeSubmission(values, stamps, { mode: a.body.mode, baseVersion: base, units: a.body.units }, a.res.json.version, (u, k) => at[base]?.[u]?.[k] ?? null);
        expect(m.conflicts).toEqual([]);
        expect(m.summary).toEqual(a.res.json.summary);
        values = m.values; stamps = m.stamps; at.push(values);
      }
      const stored = await readUnit(s.table, "TST", PERIOD, unitCode);
      expect(stored?.values ?? {}).toEqual(values);
      expect(stored?.version ?? 0).toBe(accepted.length);
      // History holds exactly the accepted submissions: the refused ones left no trace.
      const history = await readHistory(s.table, "TST", PERIOD, unitCode);
      expect(history.map((h) => h.submissionId).sort()).toEqual(accepted.map((a) => a.res.json.submissionId).sort());
      expect(history.map((h) => h.version)).toEqual(accepted.map((a) => a.res.json.version).reverse());
    }

    // The rollup against an independent recomputation from the stored commune values.
    const catalog = getCatalog();
    const roll = await s.call("GET", `/api/rollups/TST/${PERIOD}`, { user: "province-TST" });
    expect(roll.status).toBe(200);
    const all: { unit: string; unitId: string; values: Record<string, number | string> }[] = [];
    for (const unitCode of UNITS) {
      const stored = await readUnit(s.table, "TST", PERIOD, unitCode);
      const records = Object.entries(stored?.values ?? {}).map(([unit, v]) => ({ unit, unitId: unit, values: v }));
      all.push(...records);
      const row = roll.json.districts.find((d: { unit: string }) => d.unit === unitCode);
      expect(row.communesReported).toBe(records.length);
      const expected = records.length ? aggregate(records, catalog, "commune") : {};
      for (const k of FREE) expect(row.values[k], `${unitCode} ${k}`).toBe(expected[k]);
    }
    const total = aggregate(all, catalog, "commune");
    for (const k of FREE) expect(roll.json.totals[k], k).toBe(total[k]);
    expect(roll.json.completeness.communesReported).toBe(all.length);
  }, 120_000);
});
