import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getCatalog, rollupTree, type OrgUnit } from "../../shared/index.ts";
import { buildRollup, unitNode, type UnitState } from "../../functions/lib/rollup.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { twoTier } from "../shared/synthetic-units.ts";

/**
 * A submission's rollup is built from the other units' cached nodes and the one new node, and the
 * province step is a key-wise sum of the units' values (no re-read of any unit's values as a
 * table). After every submission of a random sequence, that rollup equals the shared rollupTree
 * rebuilt from scratch over the whole province with every unit's current values.
 */
const catalog = getCatalog();

const shapes: [string, string, OrgUnit[]][] = [
  ["three-tier 5×4", "TTA", syntheticProvince("TTA", 5, 4)],
  ["two-tier 6 communes with cells", "TTB", twoTier("TTB", 6, 3)],
];

/** What one submission stores: some of the unit's subtree (the unit itself included) with values, holes and junk. */
const submission = (registry: OrgUnit[], reporting: OrgUnit[]) => fc.record({
  unit: fc.integer({ min: 0, max: reporting.length - 1 }),
  picks: fc.array(fc.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 1, max: 1e9 }), fc.float({ min: 0, max: 1, noNaN: true })), { maxLength: 8 }),
}).map(({ unit, picks }) => {
  const u = reporting[unit]!;
  const under = registry.filter((x) => x.code === u.code || x.parent === u.code || registry.some((p) => p.code === x.parent && p.parent === u.code));
  const values: Record<string, Record<string, number | string>> = {};
  for (const [i, seed, junk] of picks) {
    const target = under[i % under.length]!;
    const v = communeValues(seed);
    // A hole (a rate's numerator missing) or a text value, as the reader lets them through.
    const keys = Object.keys(v);
    if (junk < 0.2) delete v[keys[seed % keys.length]!];
    else if (junk < 0.3) v[keys[seed % keys.length]!] = "không rõ";
    values[target.code] = v;
  }
  return { unit: u.code, values };
});

describe("a submission's rollup from cached nodes equals a full rebuild", () => {
  for (const [label, province, registry] of shapes) {
    const reporting = registry.filter((u) => u.parent === province);
    it(`${label}: after every submission of a random sequence`, () => {
      let run = 0;
      fc.assert(fc.property(fc.array(submission(registry, reporting), { minLength: 1, maxLength: 12 }), (subs) => {
        run++;
        const stored = new Map<string, UnitState>();
        for (const [k, sub] of subs.entries()) {
          const prev = stored.get(sub.unit);
          const next: UnitState = {
            unit: sub.unit, version: (prev?.version ?? 0) + 1, lastSubmissionId: `r${run}-s${k}`,
            firstSubmittedAt: prev?.firstSubmittedAt ?? "2015-01-02T00:00:00Z", lastSubmittedAt: "2015-01-03T00:00:00Z", values: sub.values,
          };
          stored.set(sub.unit, next);
          const roll = buildRollup({
            catalog, province, period: "2015", registry, targets: [], locked: false, now: new Date("2015-06-01"),
            stored: [...stored.values()].map((d) => ({ ...d, node: unitNode(catalog, registry, "2015", d) })),
          });
          const all = new Map<string, Record<string, number | string | null>>();
          for (const d of stored.values()) for (const [code, v] of Object.entries(d.values)) all.set(code, v);
          const tree = rollupTree(catalog, registry, province, all);
          expect(roll.totals).toEqual(tree.get(province)!.values);
          for (const d of roll.districts) {
            const node = tree.get(d.unit)!;
            expect(d.values).toEqual(node.reported ? node.values : {});
            expect(d.communesReported).toBe(node.communesReported);
          }
          expect(roll.completeness.communesReported).toBe(tree.get(province)!.communesReported);
          expect(roll.completeness.unitsReported).toBe(stored.size);
        }
      }), { numRuns: 60, seed: 18 });
    });
  }
});
