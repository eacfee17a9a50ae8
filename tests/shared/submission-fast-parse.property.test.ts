import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS, SubmissionRequest } from "../../shared/contract/index.ts";
import { fastSubmissionRequest } from "../../shared/contract/submission-fast-parse.ts";

// Values at each field's edge, valid and not: the server sees JSON, so every body goes through it.
// A valid body, then at most one field set to a value at its edge (valid or not): the server sees
// JSON, so every body goes through it.
const junk = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string({ maxLength: 4 }), fc.constant([]), fc.constant({}));
const goodCode = fc.constantFrom("P01", "P01-D01", "X", "A-1@2025-07-01", "A".repeat(40));
const code = fc.oneof(goodCode, fc.constantFrom("", "p01", "-A", "A".repeat(41), "A@2025-7-1", "A B"), junk);
const goodIndicator = fc.constantFrom("members.total", "party.cells", "a", "a_b.c1", "x".repeat(80));
const indicator = fc.oneof(goodIndicator, fc.constantFrom("A.b", "a..b", "1a", "a.", "__proto__", "x".repeat(81), "a-b"));
const text = (max: number) => fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("x".repeat(max), "x".repeat(max + 1), "a\u0000b", "tab\there", "Tốt", "24,07%", "\u007f"), junk);
const goodCell = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), fc.string({ maxLength: 8 }), fc.constant(null));
const cell = fc.oneof(goodCell, fc.constantFrom(LIMITS.maxAbsValue, -LIMITS.maxAbsValue, LIMITS.maxAbsValue * 10, -LIMITS.maxAbsValue * 10, -0, "x".repeat(LIMITS.maxTextValue), "x".repeat(LIMITS.maxTextValue + 1), "a\u0001"), junk);
const goodValues = fc.dictionary(goodIndicator, goodCell, { maxKeys: 5 });
const goodUnits = fc.uniqueArray(goodCode, { minLength: 1, maxLength: 4 }).chain((codes) => fc.tuple(...codes.map((c) => goodValues.map((values) => ({ unit: c, values })))));
const valid = fc.record({
  province: goodCode,
  unitOrDistrict: fc.constantFrom("unit", "district", "both"),
  reporting: goodCode,
  period: fc.constantFrom("2024", "2024-06", "2024-Q2", "2024-H1", "1999"),
  catalogVersion: fc.constantFrom("1.2.3", "10.0.0"),
  baseVersion: fc.oneof(fc.constant(null), fc.nat({ max: 5 }), fc.constant(1e9)),
  mode: fc.constantFrom("merge", "replace"),
  units: goodUnits,
  source: fc.record({ workbook: fc.string({ maxLength: 8 }), sheet: fc.string({ maxLength: 8 }), fingerprint: fc.string({ maxLength: 8 }) }),
}).map(({ unitOrDistrict, reporting, ...r }): Record<string, unknown> => ({ ...r, ...(unitOrDistrict !== "district" ? { unit: reporting } : {}), ...(unitOrDistrict !== "unit" ? { district: reporting } : {}) }));
type Body = Record<string, unknown> & { units: { unit: unknown; values: Record<string, unknown> }[]; source: Record<string, unknown> };
const edits: fc.Arbitrary<(b: Body) => void>[] = [
  fc.constant(() => undefined),
  fc.tuple(fc.constantFrom("province", "unit", "district"), code).map(([k, v]) => (b) => { b[k] = v; }),
  fc.constantFrom("province", "unit", "district", "period", "catalogVersion", "baseVersion", "mode", "units", "source").map((k) => (b) => { delete b[k]; }),
  fc.constantFrom("2024-13", "1899", "2024-Q5", "24").map((v) => (b) => { b.period = v; }),
  fc.constantFrom("1.2", "v1.2.3", "1.2.3.4").map((v) => (b) => { b.catalogVersion = v; }),
  fc.oneof(fc.constantFrom(1e9 + 1, -1, 1.5, "1"), junk).map((v) => (b) => { b.baseVersion = v; }),
  fc.oneof(fc.constantFrom("MERGE", ""), junk).map((v) => (b) => { b.mode = v; }),
  fc.oneof(fc.constant([]), junk).map((v) => (b) => { b.units = v as never; }),
  fc.constant((b: Body) => { b.units.push({ ...b.units[0]! }); }),
  fc.constant((b: Body) => { b.units = Array.from({ length: LIMITS.maxUnits + 1 }, (_, i) => ({ unit: `U${i}`, values: {} })); }),
  fc.constant((b: Body) => { b.units[0]!.values = Object.fromEntries(Array.from({ length: LIMITS.maxValuesPerUnit + 1 }, (_, i) => [`c${i}`, i])); }),
  fc.constant((b: Body) => { b.units[0]!.values = Object.fromEntries(Array.from({ length: LIMITS.maxValuesPerUnit }, (_, i) => [`c${i}`, i])); }),
  code.map((v) => (b) => { b.units[0]!.unit = v; }),
  fc.tuple(indicator, cell).map(([k, v]) => (b) => { b.units[0]!.values[k] = v; }),
  fc.oneof(junk, fc.constant([1])).map((v) => (b) => { b.units[0]!.values = v as never; }),
  fc.constant((b: Body) => { (b.units[0] as Record<string, unknown>).extra = 1; }),
  fc.constant((b: Body) => { b.other = 1; }),
  fc.tuple(fc.constantFrom("workbook", "sheet", "fingerprint"), fc.constantFrom(260, 100, 128), text(8)).chain(([k, n, t]) => fc.constantFrom("x".repeat(n), "x".repeat(n + 1), t).map((v) => (b: Body) => { b.source[k] = v; })),
  fc.constantFrom("workbook", "extra").map((k) => (b) => { if (k === "extra") b.source.extra = "x"; else delete b.source[k]; }),
  fc.oneof(junk).map((v) => (b) => { b.source = v as never; }),
];
const request = fc.tuple(valid, fc.oneof(...edits)).map(([b, edit]) => { const body = JSON.parse(JSON.stringify(b)) as Body; edit(body); return body; });

describe("the submission's fast path accepts exactly what the zod schema accepts, with the same output", () => {
  it("same verdict, same value, same key order (the request hash is over it)", () => {
    fc.assert(fc.property(request, (generated) => {
      const raw: unknown = JSON.parse(JSON.stringify(generated));
      const z = SubmissionRequest.safeParse(raw);
      const f = fastSubmissionRequest(raw);
      expect(f !== null).toBe(z.success);
      if (z.success) {
        expect(f).toStrictEqual(z.data);
        expect(JSON.stringify(f)).toBe(JSON.stringify(z.data));
      }
    }), { numRuns: 5000 });
  });

  it("a valid 30-commune body takes the fast path", () => {
    const body = { province: "P01", unit: "P01-D01", period: "2024", catalogVersion: "1.0.0", baseVersion: null, mode: "merge", source: { workbook: "a.xlsx", sheet: "S", fingerprint: "f" },
      units: Array.from({ length: 30 }, (_, i) => ({ unit: `P01-D01-M${i}`, values: { "members.total": i, "party.cells": "1.716", "x.y": null } })) };
    expect(fastSubmissionRequest(body)).toStrictEqual(SubmissionRequest.parse(body));
  });
});
