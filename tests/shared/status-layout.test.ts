import { describe, expect, it } from "vitest";
import { withoutTextMark } from "../../shared/index.ts";
import { layoutStatus } from "../../shared/report/status-layout.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { rollupFrom } from "./rollup-fixture.ts";

const reg = syntheticProvince("STS", 5, 1);
const values = new Map(["STS-D01", "STS-D02", "STS-D03"].map((d, i) => [d, { [`${d}-M01`]: communeValues(i + 1) }]));
// D01 before the deadline, D02 and D03 well after it; D04 and D05 never.
const at: Record<string, string> = { "STS-D01": "2015-12-01T02:00:00Z", "STS-D02": "2016-01-10T02:00:00Z", "STS-D03": "2016-01-20T02:00:00Z" };
const rollup = rollupFrom({ registry: reg, province: "STS", period: "2015", values, submittedAt: (d) => at[d]!, now: new Date("2016-02-01T00:00:00Z") });
const plain = (row: (string | number)[]) => row.map((c) => (typeof c === "string" ? withoutTextMark(c) : c));

describe("reporting status sheet", () => {
  const L = layoutStatus(rollup, "vi", { clerks: new Map([["STS-D04", ["Cán bộ huyện mẫu 4"]]]) });
  it("counts expected, received, on time, late and missing per level, with the on-time rate", () => {
    expect(L.title[0]).toBe("TÌNH HÌNH NỘP BÁO CÁO — TỈNH MẪU STS");
    expect(L.title[1]).toMatch(/^Năm 2015 · tính đến 01\/02\/2016 07:00/);
    const total = plain(L.summary.rows.at(-1)!);
    expect(total.slice(0, 6)).toEqual(["Tổng cộng", 5, 3, 1, 2, 2]);
    expect(total[6]).toBeCloseTo(1 / 5, 12);
    expect(plain(L.summary.rows[0]!)[0]).toBe("Huyện, thị xã, thành phố thuộc tỉnh");
  });
  it("lists units late and missing first, with their deadline and status in words", () => {
    const rows = L.units.rows.map(plain);
    expect(rows.map((r) => r[7])).toEqual(["STS-D04", "STS-D05", "STS-D03", "STS-D02", "STS-D01"]);
    expect(rows[0]![3]).toMatch(/^Quá hạn, chưa gửi$/);
    expect(rows[2]![3]).toMatch(/^Gửi muộn \d+ ngày$/);
    expect(rows[4]![3]).toBe("Đã gửi đúng hạn");
    expect(rows[4]![2]).toMatch(/^\d\d\/\d\d\/\d{4}$/);
  });
  it("names the units still to report, with their clerks when known", () => {
    expect(L.missing.rows.map(plain).map((r) => [r[0], r[3]])).toEqual([["Huyện mẫu STS 4", "Cán bộ huyện mẫu 4"], ["Huyện mẫu STS 5", ""]]);
  });
});
