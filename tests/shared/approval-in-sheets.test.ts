import { describe, expect, it } from "vitest";
import { withoutTextMark } from "../../shared/index.ts";
import { RollupResponse } from "../../shared/contract/index.ts";
import { layoutRollup } from "../../shared/report/rollup-layout.ts";
import { layoutStatus } from "../../shared/report/status-layout.ts";
import { approvalInWords } from "../../shared/report/unit-status.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { rollupFrom } from "./rollup-fixture.ts";

/** The approval state of each unit, as the rollup and status sheets say it in its row. */
const reg = syntheticProvince("APR", 5, 1);
const values = new Map(["APR-D01", "APR-D02", "APR-D03", "APR-D04"].map((d, i) => [d, { [`${d}-M01`]: communeValues(i + 1) }]));
const base = rollupFrom({ registry: reg, province: "APR", period: "2015", values, submittedAt: () => "2015-12-01T02:00:00Z", now: new Date("2016-02-01T00:00:00Z") });
const states = { "APR-D01": "approved", "APR-D02": "returned", "APR-D03": "complete", "APR-D04": "reopened" } as const;
const rollup: RollupResponse = {
  ...base,
  districts: base.districts.map((d) => {
    const s = states[d.unit as keyof typeof states];
    return s ? { ...d, approval: { state: s, version: 1, by: "province-APR", at: "2016-01-05T03:00:00Z", comment: s === "returned" ? "Đề nghị rà soát lại số đảng viên" : null } } : d;
  }),
};
const plain = (c: unknown) => (typeof c === "string" ? withoutTextMark(c) : c);

describe("approval in the sheets", () => {
  it("the rollup sheet's unit row says the state in words, nothing for none, never the login", () => {
    const L = layoutRollup(rollup, "vi");
    const status = L.header.indexOf("Tình trạng");
    const byName = new Map(L.rows.map((r) => [plain(r[0]), plain(r[status])]));
    expect(byName.get("Huyện mẫu APR 1")).toBe("Đã gửi đúng hạn · Đã duyệt");
    expect(byName.get("Huyện mẫu APR 2")).toBe("Đã gửi đúng hạn · Trả lại");
    expect(byName.get("Huyện mẫu APR 3")).toBe("Đã gửi đúng hạn · Hoàn thành");
    expect(byName.get("Huyện mẫu APR 4")).toBe("Đã gửi đúng hạn · Mở lại");
    expect(String(byName.get("Huyện mẫu APR 5"))).not.toMatch(/·/);
    expect(JSON.stringify(L.rows)).not.toContain("province-APR");
  });

  it("the status sheet says it too, in English as well", () => {
    const vi = layoutStatus(rollup, "vi").units.rows.map((r) => r.map(plain));
    expect(vi.find((r) => r[0] === "Huyện mẫu APR 2")![3]).toBe("Đã gửi đúng hạn · Trả lại");
    const en = layoutStatus(rollup, "en").units.rows.map((r) => r.map(plain));
    expect(en.find((r) => r[0] === "Huyện mẫu APR 1")![3]).toBe("Submitted on time · Approved");
    expect(JSON.stringify(vi)).not.toContain("province-APR");
  });

  it("has words for every state but none", () => {
    expect(["none", "complete", "approved", "returned", "reopened"].map((s) => approvalInWords(s as never, "vi"))).toEqual(["", "Hoàn thành", "Đã duyệt", "Trả lại", "Mở lại"]);
  });

  it("reads a rollup from an older server (no approval key) as none", () => {
    const old = JSON.parse(JSON.stringify(base)) as { districts: Record<string, unknown>[] };
    for (const d of old.districts) delete d.approval;
    expect(RollupResponse.parse(old).districts[0]!.approval.state).toBe("none");
  });
});
