import { describe, expect, it } from "vitest";
import { getCatalog, searchIndicators } from "../../shared/index.ts";

describe("finding an indicator by what a clerk types", () => {
  const catalog = getCatalog();
  const codes = (q: string) => searchIndicators(catalog.indicators, q, "vi").flatMap((g) => g.indicators.map((i) => i.code));

  it("ignores diacritics, case and word order", () => {
    const withMarks = codes("đảng viên kết nạp");
    expect(withMarks).toContain("members.admitted");
    expect(codes("DANG VIEN KET NAP")).toEqual(withMarks);
    expect(codes("ket nap dang vien")).toEqual(withMarks);
  });

  it("groups the results under the catalog's group headings, and lists everything for an empty query", () => {
    const all = searchIndicators(catalog.indicators, "", "vi");
    expect(all.reduce((n, g) => n + g.indicators.length, 0)).toBe(catalog.indicators.length);
    expect(all.map((g) => g.label)).toContain("Đảng viên");
    expect(searchIndicators(catalog.indicators, "", "en").map((g) => g.label)).toContain("Party members");
  });

  it("finds by English label and code too, and nothing for nonsense or hostile text", () => {
    expect(codes("admitted")).toContain("members.admitted");
    expect(codes("members admitted")).toContain("members.admitted");
    expect(codes("zzqx")).toEqual([]);
    expect(codes("<script>alert(1)</script>")).toEqual([]);
    expect(() => codes("x".repeat(100_000))).not.toThrow();
  });
});
