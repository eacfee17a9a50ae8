import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance } from "../../shared/parse/text.ts";
import { prefixedName } from "../../shared/registry/levels.ts";
import { createNameMatcher, formerUnitsOf } from "../../shared/registry/names.ts";
import { createUnitMatcher } from "../../shared/registry/orgunits.ts";
import { nationalRegistry } from "../../seeds/national.ts";

/** The Levenshtein distance with early exit as it was written before the reused rows. */
function reference(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

describe("editDistance with reused rows", () => {
  it("answers as the allocating version did, limit or not, whatever the lengths", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "c", "đ", "ơ", " ", "1"), maxLength: 200 });
    fc.assert(fc.property(text, text, fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }), (a, b, max) => {
      expect(editDistance(a, b, max)).toBe(reference(a, b, max));
    }), { numRuns: 3000 });
  });
});

const registry = nationalRegistry();
const NEW = "2025-07-01";
const current = registry.filter((u) => !u.validTo);
const anGiang = current.filter((u) => u.parent === current.find((p) => p.level === "province" && p.name === "An Giang")!.code);
const names = registry.map((u) => u.name);

// Names a clerk writes: real ones with their type words, one to three letters changed,
// dropped or added, without marks, upper case, or made up.
const edited = fc.tuple(fc.constantFrom(...names), fc.array(fc.tuple(fc.nat(40), fc.constantFrom("", "a", "n", "h", "ơ", "x", "1")), { maxLength: 3 }))
  .map(([n, edits]) => edits.reduce((s, [at, ch]) => { const i = at % (s.length + 1); return s.slice(0, i) + ch + s.slice(i + 1); }, n));
const written = fc.oneof(
  fc.constantFrom(...registry.map((u) => prefixedName(u))),
  edited,
  edited.map((n) => n.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")),
  edited.map((n) => `Xã ${n}`.toUpperCase()),
  fc.string({ unit: fc.constantFrom("a", "n", "h", "o", " ", "1", "ư"), maxLength: 14 }),
  fc.constantFrom("Xã mẫu 00001", "Chi bộ thôn 3", "Tổng cộng", "", "1", "12a"),
);

describe("knows: whether a name matches, without the closest-names scan", () => {
  it("is match(name).status !== 'unknown', against a province with its former units and against the country", () => {
    const province = createNameMatcher(anGiang, formerUnitsOf(registry, anGiang, NEW));
    const country = createNameMatcher(current);
    fc.assert(fc.property(written, (name) => {
      expect(province.knows(name)).toBe(province.match(name).status !== "unknown");
      expect(country.knows(name)).toBe(country.match(name).status !== "unknown");
    }), { numRuns: 1500 });
  });

  it("is, for the reader's unit matcher, an exact or fuzzy match", () => {
    const m = createUnitMatcher(registry);
    fc.assert(fc.property(written, (name) => {
      const s = m.match(name).status;
      expect(m.knows(name)).toBe(s === "exact" || s === "fuzzy");
    }), { numRuns: 800 });
  });

  it("finds a misspelt name one or two letters off (the deletion index misses none)", () => {
    const m = createNameMatcher(anGiang);
    for (const u of anGiang.slice(0, 60)) {
      const n = u.name;
      const once = `${n.slice(0, 2)}q${n.slice(3)}`;
      expect(m.knows(once), once).toBe(m.match(once).status !== "unknown");
      if (n.length >= 9) {
        const twice = `${n.slice(0, 1)}${n.slice(2, 5)}zz${n.slice(6)}`;
        expect(m.knows(twice), twice).toBe(m.match(twice).status !== "unknown");
      }
    }
  });
});
