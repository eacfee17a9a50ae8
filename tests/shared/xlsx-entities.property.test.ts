import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeEntities } from "../../shared/xlsx/xml-scan.ts";

/** The named entities' loop gives what the full decoder (the regular expression before it) gives, errors included. */
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
function reference(t: string): string {
  return t.replace(/&([^;&\s]{0,12});/g, (m, e: string) => {
    if (e in NAMED) return NAMED[e]!;
    const code = e[0] === "#" ? (e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NaN;
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) throw new Error("malformed");
    return String.fromCodePoint(code);
  });
}
const outcome = (f: () => string) => { try { return f(); } catch { return "(error)"; } };

describe("decodeEntities", () => {
  it("matches the full decoder on any mix of entities, stray & and ;", () => {
    const unit = fc.constantFrom("a", " ", ";", "&", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x1EA1;", "&bomb;", "&;", "&amp", "lt;", "ẫ");
    fc.assert(fc.property(fc.array(unit, { maxLength: 12 }), (parts) => {
      const t = parts.join("");
      expect(outcome(() => decodeEntities(t, "p"))).toBe(outcome(() => reference(t)));
    }), { numRuns: 5000 });
  });
});
