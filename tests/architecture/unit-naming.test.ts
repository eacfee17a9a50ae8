// "district" in code names a real district (the tier before 1 July 2025: the level code, the
// catalog's district_* indicators, the national registry's old units), a JSON field old clients
// read, or the stored property older rows carry (functions/store/keys.ts). The reporting unit is
// called a unit. The count may only go down: a new use for the reporting unit fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "./import-graph.ts";

const PRODUCT = ["addin/src", "functions", "shared", "cli", "seeds", "bench", "scripts"];
const BUDGET = 284;

describe("the reporting unit's name", () => {
  it("'district' appears no more often than the real districts, wire and stored names need", () => {
    const count = PRODUCT.flatMap((f) => sourceFiles(f)).reduce((n, f) => n + (readFileSync(f, "utf8").match(/district/gi)?.length ?? 0), 0);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(BUDGET);
  });
});
