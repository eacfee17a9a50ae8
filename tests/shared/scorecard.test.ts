import { describe, expect, it } from "vitest";
import { aggregate, getCatalog, type Values } from "../../shared/index.ts";
import { scorecard, type ScorecardUnitInput } from "../../shared/quality/scorecard.ts";
import { layoutScorecard } from "../../shared/quality/scorecard-layout.ts";
import { DqrConfig } from "../../shared/quality/dqr-config.ts";
import { communeValues } from "../../scripts/demo.ts";

const catalog = getCatalog();

function unit(code: string, opts: { status?: ScorecardUnitInput["status"]; edit?: (v: Record<string, number | string>, i: number) => void; history?: (v: Values, k: number) => Values; submitted?: boolean } = {}): ScorecardUnitInput {
  const records = [0, 1, 2].map((i) => {
    const v = communeValues(code.charCodeAt(code.length - 1) * 10 + i);
    opts.edit?.(v, i);
    return { unit: `${code}-M0${i + 1}`, unitId: `${code}-M0${i + 1}`, level: "commune" as const, values: v };
  });
  const values = aggregate(records, catalog);
  const submitted = opts.submitted ?? true;
  return {
    unit: code, name: `Huyện mẫu ${code.slice(-1)}`, status: opts.status ?? (submitted ? "on_time" : "missing"), submitted,
    communesExpected: 3, communesReported: submitted ? 3 : 0, records: submitted ? records : [],
    values: submitted ? values : {},
    history: [0, 1, 2, 3].map((k) => (opts.history ? opts.history(values, k) : Object.fromEntries(Object.entries(values).map(([c, x]) => [c, Math.round(x * (0.97 + 0.01 * k))])))),
  };
}

describe("data-quality scorecard", () => {
  const good = unit("X-D1");
  const late = unit("X-D2", { status: "late", edit: (v, i) => { if (i === 0) v["org.villages.with_cell"] = Number(v["org.villages"]) + 3; } });
  const jump = unit("X-D3", { history: (v, k) => ({ ...v, "members.total": 400 + k * 2 }), edit: (v) => { v["members.total"] = 900; } });
  const none = unit("X-D4", { submitted: false });
  const sc = scorecard({ province: "X", period: "2015", units: [none, jump, late, good], provinceValues: {}, provinceHistory: [], now: new Date("2016-01-20T00:00:00Z") });
  const by = (u: string) => sc.units.find((r) => r.unit === u)!;

  it("ranks a clean, on-time, steady unit first and a unit that has not reported last", () => {
    expect(sc.units[0]!.unit).toBe("X-D1");
    expect(sc.units.at(-1)!.unit).toBe("X-D4");
    expect(by("X-D1").score).toBeGreaterThan(by("X-D2").score);
    expect(by("X-D4")).toMatchObject({ score: 0, completeness: 0, timeliness: 0 });
    expect(sc.units.map((u) => u.rank)).toEqual([1, 2, 3, 4]);
  });

  it("counts values that fail the catalog's rules (internal consistency)", () => {
    expect(by("X-D1").consistency.failing).toBe(0);
    expect(by("X-D1").consistency.checked).toBeGreaterThan(50);
    expect(by("X-D2").consistency.failing).toBeGreaterThanOrEqual(2);
    expect(by("X-D2").timeliness).toBe(0);
  });

  it("flags a value far from the unit's own history, and the same jump over time", () => {
    expect(by("X-D3").outliers.indicators).toContain("members.total");
    expect(by("X-D1").outliers.flagged).toBe(0);
    const m = by("X-D3").overTime.find((o) => o.indicator === "members.total")!;
    expect(m.flagged).toBe(true);
    expect(m.mean).toBeCloseTo((402 + 404 + 406) / 3, 9);
    expect(by("X-D1").overTime.every((o) => !o.flagged)).toBe(true);
  });

  it("needs three earlier periods before judging history", () => {
    const short = { ...jump, history: jump.history.slice(0, 2) };
    const r = scorecard({ province: "X", period: "2015", units: [short], provinceValues: {}, provinceHistory: [] }).units[0]!;
    expect(r.outliers.checked).toBe(0);
    expect(r.overTime).toEqual([]);
  });

  it("takes its thresholds from data", () => {
    const strict = DqrConfig.parse({ overTime: { indicators: ["members.total"], threshold: 0.001 } });
    const r = scorecard({ province: "X", period: "2015", units: [good], provinceValues: {}, provinceHistory: [], config: strict }).units[0]!;
    expect(r.overTime.map((o) => o.indicator)).toEqual(["members.total"]);
    expect(r.overTime[0]!.flagged).toBe(true);
  });

  it("lays out a ranking sheet in Vietnamese, naming what to review", () => {
    const l = layoutScorecard(sc, "vi", { provinceName: "Tỉnh mẫu X" });
    expect(l.title[0]).toBe("CHẤT LƯỢNG SỐ LIỆU BÁO CÁO — TỈNH MẪU X");
    // Vietnam time, as every other sheet says it.
    expect(l.title[1]).toBe("Năm 2015 · tính lúc 20/01/2016 07:00 (giờ Việt Nam)");
    // Printed like the rollup: header repeated, page numbers, never under 8 pt.
    expect(l.plan).toMatchObject({ repeatRows: [l.headerRow, l.headerRow], footer: "&L&A&RTrang &P/&N" });
    expect(l.plan.printedPt).toBeGreaterThanOrEqual(8);
    expect(l.header[1]).toBe("Đơn vị");
    const d3 = l.rows.find((r) => r[1] === "Huyện mẫu 3")!;
    expect(String(d3[8])).toMatch(/Tổng số đảng viên \(bất thường\)/);
    expect(l.rows.at(-1)![2]).toBe("Chưa gửi");
    expect(l.summary[3]).toBeCloseTo(0.75, 9);
  });
});

describe("the scorecard's wording over time", () => {
  it("says 'gấp … lần' only above the mean and 'chỉ bằng …%' below it; a 100% target reads 'đạt 100%', never 'ít nhất 100%'", async () => {
    const { againstMean } = await import("../../shared/quality/scorecard-layout.ts");
    const { targetInWords } = await import("../../shared/report/figures.ts");
    const { getCatalog } = await import("../../shared/index.ts");
    expect(againstMean(7.34, "vi")).toBe("gấp 7,34 lần trung bình 3 kỳ trước");
    expect(againstMean(0.58, "vi")).toBe("chỉ bằng 58% trung bình 3 kỳ trước");
    expect(againstMean(0.58, "en")).toBe("only 58% of the mean of the previous 3");
    const c = getCatalog();
    expect(targetInWords(c, { indicator: "org.health_stations.with_members_rate", op: ">=", value: 100 }, "vi")).toBe("Tỷ lệ trạm y tế có đảng viên: đạt 100%");
    expect(targetInWords(c, { indicator: "org.health_stations.with_members_rate", op: ">=", value: 90 }, "vi")).toBe("Tỷ lệ trạm y tế có đảng viên: ít nhất 90%");
  });
});
