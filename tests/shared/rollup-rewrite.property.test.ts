import { describe, expect, it } from "vitest";
import { aggregate, getCatalog, rollupTree, sumValues, type OrgUnit } from "../../shared/index.ts";
import { communeValues, rng, syntheticProvince } from "../../scripts/demo.ts";
import * as before from "./rollup-reference.ts";
import { twoTier } from "./synthetic-units.ts";

/**
 * The rollup without per-node rebuilds (no `delete` per rate, rates once per node) gives the same
 * values as the rollup before it, on generated provinces of every depth with random reporting.
 */
const catalog = getCatalog();

function cellValues(r: () => number): Record<string, number> {
  const members = 5 + Math.floor(r() * 40);
  const best = Math.floor(members * 0.2 * r());
  return { "members.total": members, "members.grade.htxsnv": best, "members.grade.httnv": Math.floor((members - best) * 0.6 * r()), "party.cells": 1, "members.admitted": Math.floor(r() * 3) };
}

/** Random reporting: most leaves, some parents with their own totals only, some values blank or text. */
function values(registry: OrgUnit[], r: () => number): Map<string, Record<string, number | string | null>> {
  const out = new Map<string, Record<string, number | string | null>>();
  const parents = new Set(registry.map((u) => u.parent));
  for (const u of registry) {
    const x = r();
    if (u.level === "cell") { if (x < 0.8) out.set(u.code, cellValues(r)); continue; }
    if (u.level === "province") continue;
    const own = parents.has(u.code) ? x < 0.25 : x < 0.75;
    if (!own) continue;
    const v: Record<string, number | string | null> = communeValues(Math.floor(r() * 1e9));
    // Holes and junk the reader lets through: a rate's numerator missing, a blank, a text value.
    for (const k of Object.keys(v)) { const y = r(); if (y < 0.05) delete v[k]; else if (y < 0.07) v[k] = null; else if (y < 0.08) v[k] = "không rõ"; }
    out.set(u.code, v);
  }
  return out;
}

const shapes: [string, OrgUnit[]][] = [
  ["three-tier 6×5", syntheticProvince("PA", 6, 5)],
  ["three-tier 1×1", syntheticProvince("PB", 1, 1)],
  ["two-tier 20 communes with cells", twoTier("PC", 20, 4)],
  ["two-tier 3 communes, no cells", twoTier("PD", 3, 0)],
];

describe("rollup rewrite equals the rollup before it", () => {
  for (const [label, registry] of shapes) {
    it(`${label}: every node, 25 random reportings`, () => {
      for (let seed = 1; seed <= 25; seed++) {
        const r = rng(seed * 7919);
        const v = values(registry, r);
        const root = registry[0]!.code;
        const now = rollupTree(catalog, registry, root, v);
        const then = before.rollupTree(catalog, registry, root, v);
        expect([...now.keys()].sort()).toEqual([...then.keys()].sort());
        for (const [code, node] of then) expect(now.get(code), `${label} seed ${seed} ${code}`).toEqual(node);
        // The comparison is not empty: the root has values whenever anything reported.
        if (v.size) expect(Object.keys(now.get(root)!.values).length).toBeGreaterThan(0);
      }
    });
  }

  for (const [label, registry] of shapes) {
    it(`${label}: without leaf rates, every unit above the leaves and every leaf's additive values are the same`, () => {
      const parents = new Set(registry.map((u) => u.parent));
      const rates = new Set(catalog.indicators.filter((i) => i.kind === "ratio").map((i) => i.code));
      const additive = (v: Record<string, number>) => Object.fromEntries(Object.entries(v).filter(([k]) => !rates.has(k)));
      for (let seed = 1; seed <= 25; seed++) {
        const v = values(registry, rng(seed * 104729));
        const root = registry[0]!.code;
        const full = rollupTree(catalog, registry, root, v);
        const lean = rollupTree(catalog, registry, root, v, { leafRates: false });
        expect([...lean.keys()].sort()).toEqual([...full.keys()].sort());
        for (const [code, node] of full) {
          if (parents.has(code) || code === root) expect(lean.get(code), `${label} seed ${seed} ${code}`).toEqual(node);
          else expect({ ...lean.get(code)!, values: additive(lean.get(code)!.values) }).toEqual({ ...node, values: additive(node.values) });
        }
        // A lone unit is its own root and leaf: its rates are kept.
        const lone = registry.find((u) => !parents.has(u.code) && v.has(u.code));
        if (lone) expect(rollupTree(catalog, [lone], lone.code, v, { leafRates: false }).get(lone.code)).toEqual(rollupTree(catalog, [lone], lone.code, v).get(lone.code));
      }
    });
  }

  it("sumValues and aggregate, including values that already carry stale rates", () => {
    const r = rng(99);
    for (let i = 0; i < 50; i++) {
      const recs = Array.from({ length: 1 + Math.floor(r() * 6) }, (_, k) => ({ unit: `Xã mẫu ${k}`, values: communeValues(Math.floor(r() * 1e9)) }));
      expect(aggregate(recs, catalog)).toEqual(before.aggregate(recs, catalog));
      const parts = recs.map((x) => aggregate([x], catalog));
      // A stale rate on a part must not survive into the sum.
      const rate = catalog.indicators.find((ind) => ind.kind === "ratio")!;
      parts[0]![rate.code] = 12345;
      expect(sumValues(parts.map((p) => ({ ...p })), catalog)).toEqual(before.sumValues(parts.map((p) => ({ ...p })), catalog));
    }
  });
});
