import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getCatalog, withRates } from "../../shared/index.ts";
import * as before from "./rollup-reference.ts";

/**
 * withRates tries only the rates gated by the keys present (a rate's own code or its first
 * numerator code). On any subset of the catalog's codes, stale rates included, it sets and
 * removes exactly what trying every rate does, and leaves the keys in the same order.
 */
const catalog = getCatalog();
const codes = catalog.indicators.map((i) => i.code);

describe("withRates gated by the keys present", () => {
  it("equals trying every rate, on random subsets of codes with stale rates", () => {
    const values = fc.dictionary(fc.constantFrom(...codes), fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxKeys: 200 });
    fc.assert(fc.property(values, (v) => {
      const gated = withRates({ ...v }, catalog);
      const all = before.withRates({ ...v }, catalog);
      expect(gated).toEqual(all);
      expect(Object.keys(gated)).toEqual(Object.keys(all));
    }), { numRuns: 2000, seed: 18 });
  });

  it("sets a rate from its parts and removes a stale one", () => {
    const rate = catalog.indicators.find((i) => i.kind === "ratio" && i.numerator!.length === 1 && i.denominator!.length === 1)!;
    const v = withRates({ [rate.numerator![0]!]: 3, [rate.denominator![0]!]: 4 }, catalog);
    expect(v[rate.code]).toBeCloseTo(75 * ((rate.scale ?? 100) / 100));
    expect(withRates({ [rate.code]: 12 }, catalog)).toEqual({});
  });
});
