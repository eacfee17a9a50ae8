import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCell, parseNumberText, formatDecimals, fold, unitKey, createUnitMatcher } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

describe("Vietnamese numbers", () => {
  it.each([
    ["1.716", 1716, 0], ["17.852", 17852, 0], ["1.234.567", 1234567, 0], ["24,07", 24.07, 2], ["1.234,5", 1234.5, 1],
    ["24.07", 24.07, 2], ["609", 609, 0], [" 47.200 ", 47200, 0], ["0,5", 0.5, 1], ["-3", -3, 0],
  ])("%s → %d", (text, value, decimals) => {
    expect(parseNumberText(text)).toEqual({ value, decimals });
  });
  it.each(["1,2,3", "1.2.3", "abc", "1..2", "", "12a", "1.23.4", "∞", "NaN", "1e5"])("rejects %s", (text) => {
    expect(parseNumberText(text)).toBeNull();
  });
  it("reads percent text, pairs, yes/no, missing and formula errors", () => {
    expect(parseCell("24,07%", "percent")).toEqual({ kind: "number", value: 24.07, decimals: 2, percent: true, fromText: true });
    expect(parseCell("52/53", "count")).toEqual({ kind: "pair", part: 52, whole: 53 });
    expect(parseCell("x", "yesno")).toMatchObject({ kind: "number", value: 1 });
    expect(parseCell("Có", "yesno")).toMatchObject({ kind: "number", value: 1 });
    expect(parseCell("không", "yesno")).toMatchObject({ kind: "number", value: 0 });
    expect(parseCell("-", "count")).toEqual({ kind: "missing" });
    expect(parseCell("", "count")).toEqual({ kind: "missing" });
    expect(parseCell(null, "count")).toEqual({ kind: "missing" });
    expect(parseCell("#DIV/0!", "percent")).toEqual({ kind: "error", code: "#DIV/0!" });
    expect(parseCell({ error: "#REF!" }, "count")).toEqual({ kind: "error", code: "#REF!" });
    expect(parseCell("mười", "count")).toEqual({ kind: "invalid", raw: "mười" });
  });
  it("turns Excel percent-formatted cells into percentages with the format's precision", () => {
    expect(parseCell(0.2407, "percent", "0.00%")).toMatchObject({ value: 24.07, decimals: 2, percent: true });
    expect(parseCell(0.5, "percent", "0%")).toMatchObject({ value: 50, decimals: 0 });
    expect(formatDecimals("#,##0.0")).toBe(1);
    expect(formatDecimals("General")).toBeNull();
  });
  it("never throws on any cell content", () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.double(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: true }), fc.record({ error: fc.string() })), fc.constantFrom("count", "percent", "yesno", "grade", "number" as const), (v, t) => {
      const p = parseCell(v, t as "count");
      expect(["missing", "number", "pair", "error", "invalid"]).toContain(p.kind);
      if (p.kind === "number") expect(Number.isFinite(p.value)).toBe(true);
    }), { numRuns: 2000 });
  });
  it("round-trips integers written the Vietnamese way", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
      const text = new Intl.NumberFormat("vi-VN").format(n);
      expect(parseNumberText(text)).toEqual({ value: n, decimals: 0 });
    }));
  });
});

describe("unit names", () => {
  const communes = REGISTRY.filter((u) => u.parent === "BTH-HTN");
  const m = createUnitMatcher(communes);
  it("folds diacritics and prefixes", () => {
    expect(fold("Đảng viên HTTNV")).toBe("dang vien httnv");
    expect(unitKey("TT. Tân Nghĩa")).toBe(unitKey("Thị trấn  Tân Nghĩa"));
    expect(unitKey("xa Son My")).toBe(unitKey("Xã Sơn Mỹ"));
  });
  it.each(["Tân Nghĩa", "TT. Tân Nghĩa", "Thi tran Tan Nghia", "tan nghia", "Xã Sơn Mỹ", "SON MY", "Thắng Hải"])("recognises %s", (name) => {
    expect(m.match(name).status).toBe("exact");
  });
  it("matches a misspelling with the registry name and suggests for unknown names", () => {
    const r = m.match("Tân Phuc");
    expect(r.status).toBe("exact");
    const typo = m.match("Thắng Hãi x");
    expect(typo.status === "fuzzy" || typo.status === "unknown").toBe(true);
    const fuzzy = m.match("Tân Nghiã");
    expect(fuzzy.status).toBe("exact");
    const miss = m.match("Tân Nghĩ");
    expect(miss).toMatchObject({ status: "fuzzy", unit: { name: "Tân Nghĩa" } });
    const unknown = m.match("Phường Không Có");
    expect(unknown.status).toBe("unknown");
  });
});

describe("dots in rates", () => {
  it("reads 24.075 in a rate column as a rate, not 24,075", () => {
    expect(parseCell("24.075", "percent")).toMatchObject({ kind: "number", value: 24.075, decimals: 3 });
    expect(parseCell("24.075%", "percent")).toMatchObject({ value: 24.075, percent: true });
    expect(parseCell("24.075", "count")).toMatchObject({ value: 24075, decimals: 0 });
    expect(parseCell("1.716", "percent")).toMatchObject({ value: 1.716 });
  });
});
