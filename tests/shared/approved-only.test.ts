import { describe, expect, it } from "vitest";
import { aggregate, getCatalog, withoutTextMark } from "../../shared/index.ts";
import { RollupQuery, RollupResponse, type RollupApproval } from "../../shared/contract/index.ts";
import { buildRollup, unitNode } from "../../functions/lib/rollup.ts";
import { layoutRollup } from "../../shared/report/rollup-layout.ts";
import { draftReport } from "../../shared/report/draft.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";

/** DHIS2's "approved data only": the province counts approved units' data alone when it asks to. */
const catalog = getCatalog();
const registry = syntheticProvince("APO", 4, 2);
const units = ["APO-D01", "APO-D02", "APO-D03", "APO-D04"];
const at = "2015-12-20T03:00:00.000Z";
const stored = units.map((u, i) => {
  const state = { unit: u, version: 2, lastSubmissionId: `s-${u}`, firstSubmittedAt: at, lastSubmittedAt: at, values: { [`${u}-M01`]: communeValues(i + 1), [`${u}-M02`]: communeValues(i + 11) } };
  return { ...state, node: unitNode(catalog, registry, "2015", state) };
});
const step = (state: RollupApproval["state"]): RollupApproval => ({ state, version: 2, by: "province-APO", at, comment: state === "returned" ? "Rà soát lại số đảng viên" : null });
// D01 and D02 approved, D03 returned, D04 only complete.
const approvals = new Map([["APO-D01", step("approved")], ["APO-D02", step("approved")], ["APO-D03", step("returned")], ["APO-D04", step("complete")]]);
const build = (approvedOnly: boolean) => RollupResponse.parse(JSON.parse(JSON.stringify(buildRollup({ catalog, province: "APO", period: "2015", registry, targets: [], stored, approvals, approvedOnly, locked: false, now: new Date("2016-02-01T00:00:00Z") }))));

describe("approved data only", () => {
  const all = build(false);
  const approved = build(true);

  it("counts approved units alone in the totals, rates recomputed from their parts", () => {
    const mine = approved.districts.filter((d) => d.approval.state === "approved");
    expect(mine.map((d) => d.unit)).toEqual(["APO-D01", "APO-D02"]);
    const expected = aggregate(mine.map((d) => ({ unit: d.unit, unitId: d.unit, level: d.level, values: all.districts.find((x) => x.unit === d.unit)!.values })), catalog);
    expect(approved.totals).toEqual(expected);
    expect(approved.totals["members.total"]).toBeLessThan(all.totals["members.total"]!);
    expect(approved.approvedOnly).toBe(true);
    expect(approved.completeness).toMatchObject({ unitsExpected: 4, unitsReported: 4, unitsCounted: 2 });
  });

  it("keeps every unit's row and status, without the figures of those not approved", () => {
    const d3 = approved.districts.find((d) => d.unit === "APO-D03")!;
    expect(d3).toMatchObject({ submitted: true, approval: { state: "returned" }, values: {} });
    expect(Object.keys(approved.districts.find((d) => d.unit === "APO-D01")!.values).length).toBeGreaterThan(5);
  });

  it("without the option nothing changes: every unit counted, no new keys", () => {
    expect(all.approvedOnly).toBeUndefined();
    expect(all.completeness.unitsCounted).toBeUndefined();
    expect(all.totals["members.total"]).toBe(stored.reduce((n, s) => n + Number(s.node.values["members.total"]), 0));
  });

  it("the sheet and the report say they count approved data only", () => {
    expect(withoutTextMark(layoutRollup(approved, "vi").title[2]!)).toBe("Đã nhận báo cáo của 4/4 đơn vị, 8/8 xã · chỉ tính số liệu đã duyệt: 2/4 đơn vị");
    expect(withoutTextMark(layoutRollup(all, "vi").title[2]!)).not.toMatch(/đã duyệt/);
    expect(draftReport({ rollup: approved, lang: "vi" }).subtitle).toMatch(/; chỉ tính số liệu đã duyệt của 2\/4 đơn vị$/);
    expect(draftReport({ rollup: approved, lang: "en" }).subtitle).toMatch(/; approved data only, 2 of 4 units$/);
  });

  it("the query takes approved=only and nothing else", () => {
    expect(RollupQuery.parse({ approved: "only" })).toEqual({ approved: "only" });
    expect(RollupQuery.parse({})).toEqual({});
    for (const bad of [{ approved: "yes" }, { approved: "ONLY" }, { approved: "only", x: "1" }, { approved: "only".repeat(1000) }]) expect(RollupQuery.safeParse(bad).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
  });
});
