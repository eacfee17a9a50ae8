import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { grimDenominator, grimNumerator, rateConsistent } from "../../shared/index.ts";

describe("rates at their reported precision", () => {
  it("accepts the consistent figures of the seed reports", () => {
    expect(rateConsistent(26, 108, 24.07, 2)).toBe(true);
    expect(rateConsistent(104, 110, 94.55, 2)).toBe(true);
    expect(rateConsistent(13, 14, 92.8, 1)).toBe(true); // truncated
    expect(rateConsistent(11, 14, 78.6, 1)).toBe(true); // rounded
    expect(rateConsistent(7, 14, 50, 0)).toBe(true);
    expect(rateConsistent(119, 132, 90.15, 2)).toBe(true);
    expect(rateConsistent(168, 208, 80.77, 2)).toBe(true);
  });
  it("rejects 76/186 reported as 40.3%", () => {
    expect(rateConsistent(76, 186, 40.3, 1)).toBe(false);
  });
  it("GRIM: no whole number of 1,716 cells gives 44.09%", () => {
    expect(grimNumerator(1716, 44.09, 2)).toEqual({ ok: false, near: [756, 757] });
    expect(grimNumerator(108, 24.07, 2).ok).toBe(true);
  });
  it("GRIM on the denominator: 271 admissions cannot be 100.31% of a whole target", () => {
    expect(grimDenominator(271, 100.31, 2).ok).toBe(false);
    expect(grimDenominator(271, 100.37, 2).ok).toBe(true);
  });
  it("any whole numerator and denominator pass when the rate is rounded or truncated from them", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (den, k, d, trunc) => {
      const num = k % (den + 1);
      const exact = (num / den) * 100;
      const f = 10 ** d;
      const reported = trunc ? Math.floor(exact * f + 1e-9) / f : Math.round(exact * f) / f;
      expect(rateConsistent(num, den, reported, d)).toBe(true);
      expect(grimNumerator(den, reported, d).ok).toBe(true);
      if (num > 0) expect(grimDenominator(num, reported, d).ok).toBe(true);
    }), { numRuns: 3000 });
  });
});
