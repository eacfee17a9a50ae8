import { describe, expect, it } from "vitest";
import { getCatalog, tableFromRecords, validateTable } from "../../shared/index.ts";
import { SEED_FIGURES, type SeedFigure } from "../../seeds/figures.ts";

/**
 * The press reports, read as the validator would read a submission: one record per source,
 * place and period. The figures seed-figures.md calls inconsistent must be flagged, and only those.
 */
const catalog = getCatalog();

function groups(): Map<string, SeedFigure[]> {
  const out = new Map<string, SeedFigure[]>();
  for (const f of SEED_FIGURES) {
    // "over 91%" and "about 1,900" bound a value, they do not state it: nothing to check exactly.
    if (f.approx) continue;
    const key = `${f.source} ${f.unit} ${f.period}`;
    out.set(key, [...(out.get(key) ?? []), f]);
  }
  return out;
}

/** As the report writes it: Vietnamese decimals, so the precision is the reported one. */
const asReported = (f: SeedFigure) => (f.decimals > 0 ? f.value.toFixed(f.decimals).replace(".", ",") : String(f.value));

describe("seed reports through the validator", () => {
  const all = [...groups()];
  it("covers every source", () => {
    expect(new Set(all.map(([k]) => k.slice(0, 3)))).toEqual(new Set(["000", "001", "002", "003", "004"]));
  });
  for (const [key, figures] of all) {
    it(`${key}: flags exactly the inconsistent figures`, () => {
      const values: Record<string, string> = {};
      for (const f of figures) values[f.indicator] = asReported(f);
      const { table, issues: parseIssues } = tableFromRecords([{ unit: key, values }], catalog);
      expect(parseIssues).toEqual([]);
      const issues = validateTable(table, catalog).filter((i) => i.severity !== "info" && i.rule !== "required_missing");
      const flagged = new Set(issues.map((i) => i.indicators[0]));
      const expected = new Set(figures.filter((f) => f.expectFlag).map((f) => f.indicator));
      expect(flagged, issues.map((i) => i.message).join("\n")).toEqual(expected);
    });
  }
});
