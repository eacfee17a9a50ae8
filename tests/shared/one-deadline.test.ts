import { describe, expect, it } from "vitest";
import { withoutTextMark } from "../../shared/index.ts";
import { layoutRollup } from "../../shared/report/rollup-layout.ts";
import { layoutStatus } from "../../shared/report/status-layout.ts";
import { deadlineDay } from "../../shared/report/unit-status.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { rollupFrom } from "./rollup-fixture.ts";

const reg = syntheticProvince("OND", 4, 1);
const values = new Map(["OND-D01", "OND-D02"].map((d, i) => [d, { [`${d}-M01`]: communeValues(i + 1) }]));
const rollup = rollupFrom({ registry: reg, province: "OND", period: "2026-Q3", values, now: new Date("2026-12-07T02:19:00Z") });
const dates = (text: string) => [...text.matchAll(/\d\d\/\d\d\/\d{4}(?! \d\d:)/g)].map((m) => m[0]);
const statusDeadlines = (r: typeof rollup) => new Set(layoutStatus(r, "vi").units.rows.map((row) => withoutTextMark(String(row[2]))));

describe("one deadline per period in every output", () => {
  it("the rollup sheet's deadline is the units' own (the status sheet's), not the province's later one", () => {
    const title = withoutTextMark(layoutRollup(rollup, "vi").title[1]!);
    const due = dates(title);
    expect(due.length).toBe(1);
    expect(statusDeadlines(rollup)).toEqual(new Set(due));
    // The province reports up later than its units: that day is not the units' deadline.
    expect(deadlineDay(rollup.dueAt)).not.toBe(due[0]);
    expect(title).toContain(`hạn nộp ${deadlineDay(rollup.districts[0]!.dueAt)}`);
  });

  it("units of two levels with two deadlines: both named with their level, each one of the status sheet's", () => {
    const [a, ...rest] = rollup.districts;
    const earlier = new Date(Date.parse(a!.dueAt) - 2 * 86_400_000).toISOString();
    const mixed = { ...rollup, districts: [{ ...a!, level: "commune", dueAt: earlier }, ...rest] };
    const title = withoutTextMark(layoutRollup(mixed, "vi").title[1]!);
    const due = dates(title);
    expect(due.length).toBe(2);
    expect(statusDeadlines(mixed)).toEqual(new Set(due));
    expect(title).toMatch(/hạn nộp \d\d\/\d\d\/\d{4} \(Xã, phường, đặc khu\); \d\d\/\d\d\/\d{4} \(Huyện, thị xã, thành phố thuộc tỉnh\)/);
    expect(withoutTextMark(layoutRollup(mixed, "en").title[1]!)).toMatch(/due \d\d\/\d\d\/\d{4} \(Commune\); \d\d\/\d\d\/\d{4} \(District\)/);
  });

  it("a period without units prints no deadline rather than the province's", () => {
    const none = { ...rollup, districts: [] };
    expect(withoutTextMark(layoutRollup(none, "vi").title[1]!)).not.toMatch(/hạn nộp/);
  });
});
