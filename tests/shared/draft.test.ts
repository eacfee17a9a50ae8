import { describe, expect, it } from "vitest";
import { compileValidator, getCatalog, tableFromRecords, type Issue } from "../../shared/index.ts";
import type { RollupResponse } from "../../shared/contract/index.ts";
import { draftReport, parseTemplateText, TemplateError, type Draft } from "../../shared/report/draft.ts";
import { DRAFT_TEMPLATES_V1 } from "../../shared/report/draft-templates-v1.ts";
import { periodInWords } from "../../shared/report/period-words.ts";
import { roundRate } from "../../shared/report/figures.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../../seeds/targets.ts";
import { rollupFrom } from "./rollup-fixture.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";

const catalog = getCatalog();
const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const provinceTargets = HAM_TAN_TARGETS.filter((t) => t.year === 2015).map((t) => ({ ...t, scope: "BTH", id: t.id.replace("BTH-HTN", "BTH") }));

/** Hàm Tân's communes as one period; `shift` moves each commune's members so that periods differ. */
function period(p: string, shift: number): RollupResponse {
  const communes: Record<string, Record<string, number | string>> = {};
  for (const u of hamTanCommuneValues()) {
    const v = { ...u.values };
    if (typeof v["members.total"] === "number") v["members.total"] = (v["members.total"] as number) + shift;
    if (typeof v["grades.cells.tsvm"] === "number" && shift < 0) v["grades.cells.tsvm"] = Math.max(0, (v["grades.cells.tsvm"] as number) - 1);
    communes[u.unit] = v;
  }
  return rollupFrom({ registry: BTH, province: "BTH", period: p, values: new Map([["BTH-HTN", communes]]), targets: provinceTargets });
}

const current = period("2015", 0);
const previous = period("2014", -5);
const earlier = period("2013", -12);

/** The validator's consistency checks over every figure the draft prints, as if a clerk had typed them. */
function checkFigures(draft: Draft, rollup: RollupResponse): Issue[] {
  const printed: Record<string, string | number> = {};
  for (const s of draft.sections) for (const p of s.paragraphs) for (const seg of p.segments) {
    const f = seg.figure;
    if (f?.kind !== "value") continue;
    const prior = printed[f.code];
    expect(prior === undefined || prior === f.text, `${f.code} printed twice differently`).toBe(true);
    printed[f.code] = f.text;
  }
  // A printed rate is checked against its counts: those printed, else the data it was computed from.
  const record: Record<string, string | number> = { ...printed };
  for (const code of Object.keys(printed)) {
    const ind = catalog.byCode.get(code)!;
    if (ind.kind !== "ratio") continue;
    for (const c of [...ind.numerator!, ...ind.denominator!]) if (record[c] === undefined && rollup.totals[c] !== undefined) record[c] = rollup.totals[c]!;
  }
  const { table, issues } = tableFromRecords([{ unit: rollup.name, unitId: rollup.province, level: "province", values: record }], catalog);
  return [...issues, ...compileValidator(catalog)(table)].filter((i) => i.severity !== "info" && i.rule !== "required_missing");
}

describe("draft report", () => {
  const draft = draftReport({ rollup: current, previous, yearEarlier: earlier, lang: "vi" });
  const text = draft.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join("\n");

  it("is Vietnamese paragraphs from the annual template, with the province and the period in words", () => {
    expect(draft.templateId).toBe("htct-annual");
    expect(draft.title).toContain("năm 2015");
    expect(draft.title).toContain("Bình Thuận");
    expect(draft.sections.map((s) => s.heading)).toContain("Đội ngũ đảng viên");
    expect(text).toMatch(/Tổng số đảng viên là 609, tăng 50 so với năm 2014 và tăng 120 so với năm 2013\./);
    expect(text).not.toMatch(/undefined|NaN|\{|\}|\[|\]/);
  });

  it("prints every rate at the template's precision, from the data, with targets in words", () => {
    const villages = current.totals["org.villages.with_cell_rate"]!;
    expect(text).toContain(`52/53 thôn, khu phố có chi bộ, đạt ${String(roundRate(villages)).replace(".", ",")}%`);
    expect(text).toMatch(/mục tiêu (trên|ít nhất) \d+%: (đã|chưa) đạt/);
    expect(text).toMatch(/Có \d+\/\d+ mục tiêu đã đạt/);
  });

  it("passes the validator's consistency checks on every figure it contains", () => {
    expect(checkFigures(draft, current)).toEqual([]);
    // The English draft prints the same figures (checked on the Vietnamese text, which the validator reads).
    const en = draftReport({ rollup: current, previous, yearEarlier: earlier, lang: "en" });
    const values = (d: Draft) => d.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.segments.flatMap((x) => (x.figure ? [`${x.figure.code}=${x.figure.value}`] : []))));
    expect(new Set(values(en))).toEqual(new Set(values(draft)));
  });

  it("states changes that the printed figures add up to", () => {
    const prevShown = (code: string) => (catalog.byCode.get(code)!.kind === "ratio" ? roundRate(previous.totals[code]!) : previous.totals[code]!);
    let n = 0;
    for (const s of draft.sections) for (const p of s.paragraphs) for (const seg of p.segments) {
      if (seg.figure?.kind !== "change" || seg.figure.period !== "2014") continue;
      const code = seg.figure.code;
      const cur = p.segments.find((x) => x.figure?.kind === "value" && x.figure.code === code)!.figure!.value;
      expect(roundRate(cur - prevShown(code)), code).toBeCloseTo(seg.figure.value, 9);
      n++;
    }
    expect(n).toBeGreaterThan(3);
  });

  it("the check fails on a report that prints 76/186 as 40,3% (the seed's own inconsistency)", () => {
    const bad: Draft = { ...draft, sections: [{ heading: "x", paragraphs: [{ text: "", segments: [
      { text: "40,3%", figure: { code: "pilot.secretary_council_chair_rate", kind: "value", value: 40.3, period: "2015", text: "40,3%" } },
    ] }] }] };
    const tampered: RollupResponse = { ...current, totals: { ...current.totals, "pilot.secretary_council_chair": 76, "org.communes": 186 } };
    expect(checkFigures(bad, tampered).map((i) => i.rule)).toContain("rate_mismatch");
  });

  it("leaves out what it has no figures for instead of printing blanks", () => {
    const alone = draftReport({ rollup: current, lang: "vi" });
    const t = alone.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join("\n");
    expect(t).toContain("Tổng số đảng viên là 609.");
    expect(t).not.toContain("so với");
  });

  it("says who has not reported, by name", () => {
    const ls = REGISTRY.filter((u) => u.code === "LCU" || u.parent === "LCU" || REGISTRY.some((d) => d.code === u.parent && d.parent === "LCU"));
    const communes = Object.fromEntries(ls.filter((u) => u.parent === "LCU-TDG").map((u) => [u.code, { "members.total": 100, "party.cells": 5 }]));
    const r = rollupFrom({ registry: ls, province: "LCU", period: "2024-H1", values: new Map([["LCU-TDG", communes]]) });
    const d = draftReport({ rollup: r, lang: "vi" });
    expect(d.templateId).toBe("htct-interim");
    expect(d.title).toContain("6 tháng đầu năm 2024");
    const t = d.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join("\n");
    expect(t).toMatch(/Đã có 1\/8 đơn vị gửi báo cáo.*còn 7 đơn vị chưa gửi: Lai Châu, Phong Thổ/);
  });

  it("templates are data: a new template is used with no code change; a broken one is a clear error", () => {
    const mine = [{ id: "mau-rieng", version: "1.0.0", periodKinds: ["year" as const], title: { vi: "Báo cáo {period}", en: "Report {period}" },
      sections: [{ heading: { vi: "Đảng viên", en: "Members" }, paragraphs: [{ vi: "Có {v:members.total} đảng viên.", en: "{v:members.total} members." }] }] }];
    const d = draftReport({ rollup: current, lang: "vi", templates: mine });
    expect(d.sections[0]!.paragraphs[0]!.text).toBe("Có 609 đảng viên.");
    expect(() => draftReport({ rollup: current, lang: "vi", templates: [{ ...mine[0]!, sections: [{ heading: mine[0]!.sections[0]!.heading, paragraphs: [{ vi: "{v:khong.co}", en: "x" }] }] }] })).toThrow(TemplateError);
    expect(() => parseTemplateText("a [b [c]]")).toThrow(TemplateError);
    expect(() => parseTemplateText("{v:members.total")).toThrow(TemplateError);
    expect(() => draftReport({ rollup: { ...current, period: "2015-06" }, lang: "vi", templates: mine })).toThrow(/no draft template/);
    expect(DRAFT_TEMPLATES_V1.length).toBeGreaterThan(1);
  });

  it("names periods in words", () => {
    expect(periodInWords("2015", "vi")).toBe("Năm 2015");
    expect(periodInWords("2024-H1", "vi")).toBe("6 tháng đầu năm 2024");
    expect(periodInWords("2024-H2", "vi")).toBe("6 tháng cuối năm 2024");
    expect(periodInWords("2024-Q2", "vi")).toBe("Quý II năm 2024");
    expect(periodInWords("2025-07", "vi")).toBe("Tháng 7 năm 2025");
    expect(periodInWords("2025-07", "en")).toBe("July 2025");
  });
});

describe("the draft of a province formed in the reorganisation", () => {
  it("compares with its predecessors' figures rebuilt in its units, and says so", async () => {
    const { reconstructInUnits, unitsValidIn } = await import("../../shared/index.ts");
    const { communeValues } = await import("../../scripts/demo.ts");
    const units = unitsValidIn(REGISTRY, "2025-Q3").filter((u) => u.parent === "LDG");
    const now = rollupFrom({ registry: REGISTRY, province: "LDG", period: "2025-Q3", values: new Map(units.map((u, i) => [u.code, { [u.code]: communeValues(i + 1) }])) });
    const raw = Object.fromEntries(unitsValidIn(REGISTRY, "2025-Q2").filter((u) => u.parent === "BTH-HTN").map((u, i) => [u.code, communeValues(100 + i)]));
    const before = reconstructInUnits(catalog, REGISTRY, "LDG", "2025-Q2", "2025-Q3", new Map([["BTH", new Map([["BTH-HTN", raw]])]]))!;
    expect(before.totals.reconstructed).toBe(true);
    const d = draftReport({ rollup: now, previous: before, lang: "vi" });
    expect(d.subtitle).toMatch(/số liệu kỳ so sánh tính lại theo đơn vị hành chính hiện nay từ các đơn vị cũ$/);
    const changes = d.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.segments)).filter((x) => x.figure?.kind === "change" && x.figure.code === "members.total");
    expect(changes.length).toBeGreaterThan(0);
    // Like with like, as the sheet's change row: the communes with rebuilt figures now, against the rebuilt total.
    const whole = Object.values(raw).reduce((n, v) => n + Number(v["members.total"]), 0);
    const covered = now.districts.filter((u) => Object.keys(before.units.find((x) => x.unit === u.unit)?.values ?? {}).length);
    expect(covered.length).toBeLessThan(now.districts.length);
    expect(changes[0]!.figure!.value).toBe(covered.reduce((n, u) => n + u.values["members.total"]!, 0) - whole);
    const { layoutRollup } = await import("../../shared/report/rollup-layout.ts");
    const L = layoutRollup(now, "vi", { previous: before });
    expect(L.comparisons.find((c) => c.kind === "total" && c.label === "Toàn tỉnh")!.values[L.codes.indexOf("members.total")]).toBe(changes[0]!.figure!.value);
    expect(changes[0]!.figure!.period).toBe("2025-Q2");
    // Without the rebuilt figures a new province has nothing to compare with, and says nothing of it.
    const alone = draftReport({ rollup: now, lang: "vi" });
    expect(alone.subtitle).not.toMatch(/tính lại/);
  });
});

describe("the draft says where the units' figures stand in the approval workflow", () => {
  const reg = syntheticProvince("APV", 5, 1);
  const reportedUnits = ["APV-D01", "APV-D02", "APV-D03", "APV-D04"];
  const base = rollupFrom({ registry: reg, province: "APV", period: "2026-Q3", values: new Map(reportedUnits.map((d, i) => [d, { [`${d}-M01`]: communeValues(i + 1) }])) });
  const mark = (state: "approved" | "complete" | "returned", comment: string | null = null) => ({ state, version: 1, by: "province-APV", at: "2026-10-20T02:00:00Z", comment });
  const states = { "APV-D01": mark("approved"), "APV-D02": mark("approved"), "APV-D03": mark("returned", "rà soát lại số đảng viên"), "APV-D04": mark("complete") } as const;
  const rollup: RollupResponse = { ...base, districts: base.districts.map((d) => (d.unit in states ? { ...d, approval: states[d.unit as keyof typeof states] } : d)) };

  it("counts approved, complete and returned units among those that reported, the returned by name with the reason, in the reporting section", () => {
    const vi = draftReport({ rollup, lang: "vi" });
    const para = vi.sections.at(-1)!.paragraphs.map((p) => p.text).find((t) => t.startsWith("Về duyệt số liệu"));
    expect(para).toBe("Về duyệt số liệu: 2/4 đơn vị đã gửi được duyệt; 1 đơn vị đã xác nhận hoàn thành, chờ duyệt; 1 đơn vị bị trả lại để rà soát: Huyện mẫu APV 3 (rà soát lại số đảng viên).");
    const en = draftReport({ rollup, lang: "en" }).sections.at(-1)!.paragraphs.map((p) => p.text).find((t) => t.startsWith("Approval"));
    expect(en).toBe("Approval: 2 of the 4 units that reported are approved; 1 marked complete, awaiting approval; 1 returned for review: Huyện mẫu APV 3 (rà soát lại số đảng viên).");
    // No marks at all: the count of approved units alone, nothing invented.
    const none = draftReport({ rollup: base, lang: "vi" }).sections.at(-1)!.paragraphs.map((p) => p.text);
    expect(none).toContain("Về duyệt số liệu: 0/4 đơn vị đã gửi được duyệt.");
  });
});
