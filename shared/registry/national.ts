import { z } from "zod";
import { addDays } from "../calendar/period.ts";
import { unitIdFor } from "./identity.ts";
import { isNationalRow } from "./fast-parse.ts";
import { UNIT_TYPES } from "./levels.ts";
import type { OrgUnit } from "./orgunits.ts";

/**
 * The national registry as the repo ships it (data/registry/, built by
 * scripts/registry-national.ts): one row per unit with its official code, so the file stays
 * compact and the rule that turns codes into ids lives here, once. A row's era says when the
 * unit existed: "old" until the day before the cutover, "new" from it, "kept" for a province
 * that came through unchanged (same code, name and territory) and so is one unit throughout.
 */
const Era = z.enum(["old", "new", "kept"]);
const Row = z.tuple([
  z.string().regex(/^\d{2,5}$/), // official code
  z.string().min(1).max(80), // name without its type word
  z.enum(UNIT_TYPES),
  z.string().regex(/^\d{2,5}$/).or(z.literal("")), // parent's official code ("" for a province)
  Era,
]).rest(z.string().regex(/^~?\d{2,5}$/)); // predecessors' codes; "~" marks a partial link

export const NationalRegistryFile = z.object({
  format: z.literal(1),
  /** What the rows were built from, as README and --json cite it. */
  source: z.object({ name: z.string(), commit: z.string(), licence: z.string(), url: z.string() }),
  /** First day of the new structure; "old" rows end the day before. */
  cutover: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rows: z.array(Row).max(50_000),
});
export type NationalRegistryFile = z.infer<typeof NationalRegistryFile>;
export type NationalRow = z.infer<typeof Row>;

const LEVEL_OF_DIGITS: Record<number, OrgUnit["level"]> = { 2: "province", 3: "district", 5: "commune" };

/**
 * The file's rows as registry units. A reused code gives the newer unit an id with its first day;
 * parents and predecessors are resolved in their own era (an old commune's parent is the old
 * district, a new commune's the new or kept province; predecessors are old units).
 */
export function decodeNationalRegistry(file: NationalRegistryFile): OrgUnit[] {
  const lastOld = addDays(file.cutover, -1);
  const count = new Map<string, number>();
  for (const r of file.rows) count.set(r[0], (count.get(r[0]) ?? 0) + 1);
  const idOf = (code: string, era: "old" | "new" | "kept") => unitIdFor(code, era === "new" ? file.cutover : undefined, (count.get(code) ?? 0) > 1);
  const kept = new Set(file.rows.filter((r) => r[4] === "kept").map((r) => r[0]));
  const oldId = (code: string) => idOf(code, kept.has(code) ? "kept" : "old");
  const newId = (code: string) => idOf(code, kept.has(code) ? "kept" : "new");
  return file.rows.map(([code, name, type, parent, era, ...links]): OrgUnit => {
    const level = LEVEL_OF_DIGITS[code.length] ?? "commune";
    const u: OrgUnit = {
      code: idOf(code, era), name, level, type, sample: false, aliases: [],
      parent: parent === "" ? null : era === "old" ? oldId(parent) : newId(parent),
    };
    if (era === "old") u.validTo = lastOld;
    if (era === "new") {
      u.validFrom = file.cutover;
      if (links.length) u.predecessors = links.map((l) => oldId(l.replace("~", "")));
      const partial = links.filter((l) => l.startsWith("~")).map((l) => oldId(l.slice(1)));
      if (partial.length) u.partial = partial;
    }
    return u;
  });
}

const Header = NationalRegistryFile.omit({ rows: true });

/**
 * Parses (once, at the edge) and decodes the shipped file's JSON. The header goes through zod;
 * the rows through the hand check proven equal to Row (fast-parse.ts), and zod only when a row
 * fails it, so a bad file gets zod's message and nothing is decoded.
 */
export function parseNationalRegistry(json: unknown): OrgUnit[] {
  const rows = (json as { rows?: unknown } | null)?.rows;
  const fast = Array.isArray(rows) && rows.length <= 50_000 && rows.every(isNationalRow);
  if (!fast) return decodeNationalRegistry(NationalRegistryFile.parse(json));
  return decodeNationalRegistry({ ...Header.parse(json), rows: rows as NationalRow[] });
}
