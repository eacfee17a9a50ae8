import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formulaEngine, type FormulaSheet } from "../../shared/parse/formula-engine.ts";

/**
 * The engine parses a formula copied down a column once and moves the tree for each copy: every
 * copy must be worth what it is worth parsed on its own, whatever mix of relative and "$" rows,
 * ranges written either way round, function names and sheet names with digits it holds.
 */
const TEMPLATES: ((r: number) => string)[] = [
  (r) => `=A${r}+B${r}*2`,
  (r) => `=SUM(A${r}:C${r})`,
  (r) => `=IF(B${r}>0,ROUND(A${r}/B${r}*100,2),"")`,
  (r) => `=A$1+A${r}`,
  (r) => `=SUM(A$1:A${r})`,
  (r) => `=SUM(A${r}:A$3)`,
  (r) => `=SUM(C${r + 1}:C${Math.max(1, r - 1)})`,
  (r) => `=LOG10(A${r}+1)`,
  (r) => `=Sheet2!A${r}+A${r}`,
  (r) => `="A${r}"&A${r}`,
  (r) => `=A${r}*1E${(r % 3) + 1}`,
  (r) => `=$A${r}-$B$2`,
];

function sheetOf(values: number[][], formula: (r: number) => string | null): FormulaSheet {
  return {
    key: "S",
    value: (r, c) => (c < 3 ? values[r]?.[c] ?? "" : ""),
    formula: (r, c) => (c === 3 ? formula(r + 1) : null),
    lastColumn: () => 3,
  };
}

describe("formulas copied down a column share one parsed tree", () => {
  it("each copy gives what it gives parsed alone", () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -5, max: 9 }), fc.integer({ min: 0, max: 99 })), { minLength: 3, maxLength: 30 }),
      fc.array(fc.nat(TEMPLATES.length - 1), { minLength: 1, maxLength: 30 }),
      (rows, picks) => {
        const values = rows.map(([a, b, c]) => [a, b, c]);
        const formula = (r: number) => (r <= values.length ? TEMPLATES[picks[(r - 1) % picks.length]!]!(r) : null);
        const other: FormulaSheet = { key: "Sheet2", value: (r, c) => (c === 0 ? r * 10 : ""), formula: () => null, lastColumn: () => 0 };
        const book = { sheet: (name: string) => (name === "Sheet2" ? other : null) };
        const shared = formulaEngine(book);
        const sheet = sheetOf(values, formula);
        for (let r = 0; r < values.length; r++) {
          const alone = formulaEngine(book).valueAt(sheetOf(values, formula), r, 3, null);
          expect(shared.valueAt(sheet, r, 3, null)).toEqual(alone);
        }
      },
    ), { numRuns: 300 });
  });
});

describe("ROUND, ROUNDUP, ROUNDDOWN without strings where the margin allows", () => {
  it("give what the decimal shift gives, boundaries (2.675, 1.005) included", () => {
    const decimalShift = (x: number, d: number) => { const [m, e] = Number(x.toPrecision(15)).toExponential().split("e"); return Number(`${m}e${Number(e) + d}`); };
    const excel = (how: (x: number) => number) => (n: number, d: number) => { const r = decimalShift(how(decimalShift(Math.abs(n), d)), -d); return n < 0 ? -r : r; };
    const cases: [string, (n: number, d: number) => number][] = [["ROUND", excel(Math.round)], ["ROUNDUP", excel(Math.ceil)], ["ROUNDDOWN", excel(Math.floor)]];
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -100000, max: 100000 }).map((k) => k / 1000), fc.constantFrom(2.675, 1.005, -1.005, 0, 66.665, 0.125, 1e14 + 0.5));
    fc.assert(fc.property(value, fc.integer({ min: -3, max: 6 }), fc.nat(2), (n, d, k) => {
      const [name, want] = cases[k]!;
      const sheet: FormulaSheet = { key: "S", value: (r) => (r === 0 ? n : ""), formula: (r) => (r === 1 ? `=${name}(A1,${d})` : null), lastColumn: () => 0 };
      const got = formulaEngine({ sheet: () => null }).valueAt(sheet, 1, 0, null);
      expect(got).toBe(want(n, d));
    }), { numRuns: 3000 });
  });
});
