import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastOrgUnit, isNationalRow, parseRegistry } from "../../shared/registry/fast-parse.ts";
import { UNIT_ID } from "../../shared/registry/identity.ts";
import { LEVEL_CODES, UNIT_TYPES } from "../../shared/registry/levels.ts";
import { NationalRegistryFile, decodeNationalRegistry, parseNationalRegistry } from "../../shared/registry/national.ts";
import { OrgUnit, OrgUnitRegistry } from "../../shared/registry/orgunits.ts";

// Values near each field's edge: valid ones, wrong types, near-miss strings, impossible dates.
const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.string({ maxLength: 6 }), fc.constant([]), fc.constant({}));
const id = fc.oneof(fc.stringMatching(UNIT_ID), fc.constantFrom("00004", "00004@2025-07-01", "ab", "-X", "X@2025-7-1", "", "A".repeat(41)));
const date = fc.oneof(
  fc.date({ min: new Date("1890-01-01"), max: new Date("2110-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom("2025-02-29", "2024-02-29", "2025-04-31", "2025-13-01", "2025-7-01", "1899-12-31", "2025-06-30"),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: junk });
const ids = fc.oneof(fc.array(id, { maxLength: 4 }), fc.array(id, { minLength: 199, maxLength: 202 }));

const unit = fc.record({
  code: maybe(id),
  name: maybe(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constant(""))),
  level: maybe(fc.constantFrom(...LEVEL_CODES, "ward", "Province")),
  type: maybe(fc.constantFrom(...UNIT_TYPES, "quan_huyen", "XA")),
  parent: maybe(fc.oneof(fc.constant(null), id)),
  validFrom: maybe(date),
  validTo: maybe(date),
  predecessors: maybe(ids),
  partial: maybe(ids),
  sample: maybe(fc.boolean()),
  aliases: maybe(fc.oneof(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.constant([1]))),
  extra: maybe(fc.string()),
}, { requiredKeys: [] });

const official = fc.oneof(fc.stringMatching(/^\d{2,5}$/), fc.constantFrom("1", "123456", "0a", " 01"));
const row = fc.tuple(
  maybe(official),
  maybe(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constant(""), fc.constant("x".repeat(81)), fc.constant("x".repeat(80)))),
  maybe(fc.constantFrom(...UNIT_TYPES, "tp")),
  maybe(fc.oneof(official, fc.constant(""))),
  maybe(fc.constantFrom("old", "new", "kept", "OLD")),
).chain((head) => fc.array(maybe(fc.oneof(fc.stringMatching(/^~?\d{2,5}$/), fc.constantFrom("~", "~~01", "01~"))), { maxLength: 3 }).map((links) => [...head, ...links]))
  .chain((r) => fc.nat({ max: 6 }).map((cut) => (cut < 5 ? r.slice(0, cut) : r)));

describe("the registry's fast path accepts exactly what its zod schemas accept, with the same output", () => {
  it("OrgUnit: same verdict, same object, same key order", () => {
    fc.assert(fc.property(unit, (raw) => {
      const z = OrgUnit.safeParse(raw);
      const f = fastOrgUnit(raw);
      expect(f !== null).toBe(z.success);
      if (z.success) {
        expect(f).toStrictEqual(z.data);
        expect(JSON.stringify(f)).toBe(JSON.stringify(z.data));
      }
    }), { numRuns: 3000 });
  });

  it("OrgUnit: non-objects are refused like zod refuses them", () => {
    for (const raw of [null, undefined, 1, "x", [], [{}], new Date(0)]) expect(fastOrgUnit(raw) !== null).toBe(OrgUnit.safeParse(raw).success);
  });

  it("a national row: same verdict as the file schema's Row", () => {
    const header = { format: 1, source: { name: "t", commit: "c", licence: "MIT", url: "u" }, cutover: "2025-07-01" };
    fc.assert(fc.property(row, (r) => {
      expect(isNationalRow(r)).toBe(NationalRegistryFile.safeParse({ ...header, rows: [r] }).success);
    }), { numRuns: 3000 });
  });

  it("the shipped national file decodes to the same units by either path", () => {
    const json: unknown = JSON.parse(readFileSync(new URL("../../data/registry/vn-units.json", import.meta.url), "utf8"));
    const viaZod = decodeNationalRegistry(NationalRegistryFile.parse(json));
    expect(parseNationalRegistry(json)).toStrictEqual(viaZod);
    // And its units, written out as `htct registry import -o` writes them, read back the same by both.
    const written: unknown = JSON.parse(JSON.stringify(viaZod));
    expect((written as unknown[]).map(fastOrgUnit)).toStrictEqual(OrgUnit.array().parse(written));
  });

  it("a bad row anywhere sends the whole file to zod, which refuses it with its message", () => {
    const json = JSON.parse(readFileSync(new URL("../../data/registry/vn-units.json", import.meta.url), "utf8")) as { rows: unknown[][] };
    json.rows[7000] = ["12", "Tên", "xa", "999999", "new"];
    expect(() => parseNationalRegistry(json)).toThrow(/rows/);
  });

  it("a stored registry (functions' readOrgUnits): parseRegistry returns what OrgUnitRegistry.parse returns, or throws zod's error when it throws", () => {
    fc.assert(fc.property(fc.oneof(fc.array(unit, { maxLength: 6 }), junk), (raw) => {
      const z = OrgUnitRegistry.safeParse(raw);
      if (z.success) expect(parseRegistry(raw)).toStrictEqual(z.data);
      else expect(() => parseRegistry(raw)).toThrow(z.error.message.slice(0, 40));
    }), { numRuns: 2000 });
  });
});
