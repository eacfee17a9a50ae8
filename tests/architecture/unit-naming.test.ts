// The reporting unit is called a unit. "district" in product code names only the real district
// (huyện, the tier until 30 June 2025: its level code in registries and stored data, the
// catalog's org.districts and pilot.district_* codes, the sample and national registries' old
// units) or a name old clients and stored rows still carry (the wire's districts[], district,
// districtsExpected/Reported; the stored "district" properties; the --district alias). Each file
// that may say it is listed with how often and why; a new file, or one more use in a listed file,
// fails here. When a use goes, lower its count.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "./import-graph.ts";

const PRODUCT = ["addin/src", "functions", "shared", "cli", "seeds", "bench", "scripts"];

const TIER = "the real pre-2025 tier: its level code, real or sample districts, comments on the three-tier structure";
const CATALOG = "catalog codes of real districts (org.districts, pilot.district_*) and their labels";
const NATIONAL = "the national registry's old districts (import of the 2025 reorganisation data)";
const SEEDS = "seed data of real districts (Hàm Tân, Lai Châu, Thừa Thiên Huế) from their reports";
const WIRE = "wire fields old clients read: districts[], district (same as unit), districtsExpected/Reported";
const STORED = "stored property names older rows carry";
const ALIAS = "--district, the old name of --unit, accepted at the edge";
const BENCH = "generated three-tier countries for benchmarks (district counts in the JSON they print)";

const ALLOWED: Record<string, [count: number, reason: string]> = {
  "shared/catalog/catalog-v1.ts": [28, CATALOG],
  "shared/catalog/catalog.ts": [4, `${CATALOG}; countsUnits names the real tier`],
  "shared/catalog/schema.ts": [1, "countsUnits: the real tier an indicator counts"],
  "scripts/registry-national.ts": [28, NATIONAL],
  "shared/registry/national.ts": [2, NATIONAL],
  "scripts/seed-national.ts": [1, NATIONAL],
  "shared/rollup/rollup.ts": [22, `${TIER}: districtsExpected/Reported count real districts`],
  "shared/rollup/past.ts": [4, WIRE],
  "shared/rollup/effective.ts": [1, TIER],
  "shared/rollup/drill-down.ts": [1, TIER],
  "shared/contract/rollups.ts": [13, WIRE],
  "shared/contract/submissions.ts": [10, `${WIRE}; a submission's district field, the old name of unit`],
  "shared/contract/details.ts": [2, TIER],
  "shared/contract/submission-build.ts": [1, TIER],
  "shared/contract/submission-fast-parse.ts": [7, `${WIRE}; the fast parse accepts the same old field as the schema`],
  "shared/registry/levels.ts": [5, TIER],
  "shared/registry/scope.ts": [3, TIER],
  "shared/registry/import.ts": [2, "registry import: the words 'huyện', 'cấp huyện' map to the level code"],
  "shared/registry/dated.ts": [1, TIER],
  "shared/registry/names.ts": [1, TIER],
  "shared/registry/placement.ts": [1, TIER],
  "shared/calendar/calendar.ts": [1, "the real tier's deadline (days after the period) in the default calendar"],
  "shared/model.ts": [1, TIER],
  "shared/workbook/conventions.ts": [1, TIER],
  "seeds/orgunits.ts": [20, SEEDS],
  "seeds/figures.ts": [15, `${SEEDS}; catalog codes of real districts`],
  "seeds/data.ts": [10, SEEDS],
  "seeds/layouts.ts": [6, SEEDS],
  "seeds/generate.ts": [1, SEEDS],
  "seeds/sources.ts": [1, SEEDS],
  "seeds/targets.ts": [1, SEEDS],
  "functions/lib/rollup.ts": [8, `${WIRE}; the real tier's level code`],
  "functions/lib/consolidation.ts": [7, WIRE],
  "functions/lib/scorecard.ts": [5, "the scorecard's unit level: the real tier's level code"],
  "functions/lib/province-rollup.ts": [1, TIER],
  "functions/lib/access.ts": [1, TIER],
  "functions/lib/lock.ts": [1, TIER],
  "functions/store/keys.ts": [3, STORED],
  "functions/store/snapshots.ts": [1, TIER],
  "functions/history.ts": [1, WIRE],
  "functions/registryProposals.ts": [1, TIER],
  "addin/src/doc-settings.ts": [2, "the document setting older panes stored the unit under"],
  "addin/src/ui/features/reports/state.ts": [2, WIRE],
  "addin/src/check.ts": [1, TIER],
  "addin/src/i18n-en.ts": [1, "Hàm Tân's clerk, a real district's, in a sign-in hint"],
  "addin/src/ui/features/validate/view.ts": [1, TIER],
  "cli/main.ts": [6, ALIAS],
  "cli/commands.ts": [2, ALIAS],
  "cli/options.ts": [1, ALIAS],
  "cli/submit.ts": [2, `${ALIAS}; ${TIER}`],
  "cli/check.ts": [1, TIER],
  "scripts/demo.ts": [5, `${TIER}: the synthetic three-tier province for tests and benchmarks`],
  "scripts/seed.ts": [2, `${TIER}: the 2015 sample submissions of real districts`],
  "bench/functions.ts": [7, BENCH],
  "bench/sample-country.ts": [4, BENCH],
  "bench/scorecard.ts": [3, BENCH],
  "bench/two-tier.ts": [3, BENCH],
  "bench/overload.ts": [2, BENCH],
  "bench/detail.ts": [1, BENCH],
  "bench/layouts.ts": [1, BENCH],
};

const uses = (text: string) => text.match(/district/gi)?.length ?? 0;

describe("the reporting unit's name", () => {
  const counts = new Map(PRODUCT.flatMap((f) => sourceFiles(f)).map((f) => [relative(ROOT, f), uses(readFileSync(f, "utf8"))] as const));

  it("scans the tree it guards", () => {
    expect(counts.size).toBeGreaterThan(200);
  });

  it("'district' only in the files listed, no more often than listed", () => {
    const over = [...counts].filter(([f, n]) => n > (ALLOWED[f]?.[0] ?? 0)).map(([f, n]) => `${f}: ${n} (allowed ${ALLOWED[f]?.[0] ?? 0})`);
    expect(over).toEqual([]);
  });

  it("lists no file that no longer says it (lower the count when a use goes)", () => {
    const stale = Object.entries(ALLOWED).filter(([f, [n]]) => (counts.get(f) ?? 0) < n).map(([f, [n]]) => `${f}: ${counts.get(f) ?? 0} (listed ${n})`);
    expect(stale).toEqual([]);
  });

  it("the sum stays at what the list explains", () => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(Object.values(ALLOWED).reduce((a, [n]) => a + n, 0));
  });
});
