import { describe, expect, it } from "vitest";
import { catalogFor, getCatalog, readSheet, validateTable } from "../../shared/index.ts";

/** The catalog follows the period's administrative structure, as data (catalog-v1.ts `validFrom`, `validTo`, `periods`). */
describe("the catalog by period", () => {
  const base = getCatalog();
  const label = (period: string, code: string) => catalogFor(base, period).byCode.get(code)?.label.vi;

  it("speaks the three-tier structure until 30/6/2025 and the two-tier one from 1/7/2025", () => {
    for (const p of ["2024", "2025-H1", "2025-06", "2025-Q2"]) {
      expect(label(p, "org.communes"), p).toBe("Số xã, phường, thị trấn");
      expect(label(p, "org.communes.thi_tran"), p).toBe("Số thị trấn");
      expect(label(p, "org.districts"), p).toBe("Số huyện, thị xã, thành phố");
      expect(label(p, "org.communes.dac_khu"), p).toBeUndefined();
      expect(catalogFor(base, p).byCode.get("org.communes")!.of).toEqual(["org.communes.xa", "org.communes.phuong", "org.communes.thi_tran"]);
    }
    for (const p of ["2025-H2", "2025-07", "2025", "2026", "2026-Q1"]) {
      expect(label(p, "org.communes"), p).toBe("Số xã, phường, đặc khu");
      expect(label(p, "org.communes.dac_khu"), p).toBe("Số đặc khu");
      expect(label(p, "org.communes.thi_tran"), p).toBeUndefined();
      expect(label(p, "org.districts"), p).toBeUndefined();
      expect(label(p, "party.dang_bo"), p).toBe("Đảng bộ xã, phường, đặc khu");
      expect(catalogFor(base, p).byCode.get("org.communes")!.of).toEqual(["org.communes.xa", "org.communes.phuong", "org.communes.dac_khu"]);
      expect(catalogFor(base, p).indicators.some((i) => /thị trấn/.test(i.label.vi)), p).toBe(false);
    }
  });

  it("names in its periods only indicators the catalog has, and keeps its version", () => {
    for (const ind of base.indicators) for (const p of ind.periods ?? []) for (const c of p.of ?? []) expect(base.byCode.has(c), `${ind.code} → ${c}`).toBe(true);
    expect(catalogFor(base, "2026").version).toBe(base.version);
    expect(catalogFor(base, "2026")).toBe(catalogFor(base, "2026-H2"));
    expect(catalogFor(base, "2024")).not.toBe(catalogFor(base, "2026"));
  });

  it("reads and checks a 2026 sheet in the new structure: đặc khu counted in the total, a thị trấn column not taken", () => {
    const c2026 = catalogFor(base, "2026");
    const sheet = { name: "S", values: [["Đơn vị", "Số xã, phường, đặc khu", "Số xã", "Số phường", "Số đặc khu", "Số thị trấn"], ["Tỉnh mẫu", 12, 9, 2, 1, 3]] };
    const read = readSheet(sheet, { catalog: c2026 });
    expect(read.mapping.map((m) => m.indicator)).toEqual(["org.communes", "org.communes.xa", "org.communes.phuong", "org.communes.dac_khu"]);
    expect(validateTable(read.table, c2026).filter((i) => i.severity === "error")).toEqual([]);
    const wrong = readSheet({ ...sheet, values: [sheet.values[0]!, ["Tỉnh mẫu", 11, 9, 2, 1, 3]] }, { catalog: c2026 });
    expect(validateTable(wrong.table, c2026).filter((i) => i.severity === "error").map((i) => [i.rule, i.message])).toEqual([["sum_total", "Tỉnh mẫu: \"Số xã, phường, đặc khu\" ghi 11 nhưng cộng các thành phần được 12."]]);
  });
});
