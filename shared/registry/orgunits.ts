import { z } from "zod";
import { editDistance, fold } from "../parse/text.ts";
import { UNIT_ID } from "./identity.ts";
import { LEVEL_CODES, UNIT_TYPES } from "./levels.ts";

/** An ISO calendar date, as validFrom / validTo hold it (inclusive). */
export const IsoDate = z.string().regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "dates are YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a calendar date");

export const OrgUnit = z.object({
  /**
   * The unit's id: its official code, with "@" and its first day when the code names other units
   * in other periods (identity.ts); safe as a Table Storage key.
   */
  code: z.string().regex(UNIT_ID),
  name: z.string().min(1),
  /** One of the levels in levels.ts (data, not a fixed three tiers). */
  level: z.enum(LEVEL_CODES),
  /** Every type the law names (levels.ts): tỉnh, thành phố trực thuộc trung ương; quận, huyện, thị xã, thành phố; xã, phường, thị trấn, đặc khu; thôn, chi bộ. */
  type: z.enum(UNIT_TYPES),
  parent: z.string().nullable(),
  /** First and last day the unit existed (inclusive); open when absent. */
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
  /** Units this one was formed from (a merger lists several; a split names the same one twice over). */
  predecessors: z.array(z.string().regex(UNIT_ID)).max(200).optional(),
  /** Predecessors only part of which went into this unit (a split): reconstructions from them are approximate. */
  partial: z.array(z.string().regex(UNIT_ID)).max(200).optional(),
  /** True for placeholder units whose real names the sources do not give. */
  sample: z.boolean().default(false),
  aliases: z.array(z.string()).default([]),
});
export type OrgUnit = z.infer<typeof OrgUnit>;
export const OrgUnitRegistry = z.array(OrgUnit);

const PREFIXES = [
  "thanh pho", "thi tran", "thi xa", "phuong", "huyen", "tinh", "xa", "tp", "tt", "tx", "h", "p", "x",
];

/** The part of a unit name that identifies it: folded, without its administrative prefix. */
export function unitKey(name: string): string {
  let f = fold(name).replace(/[%/]/g, " ").trim();
  for (const p of PREFIXES) {
    if (f.startsWith(`${p} `)) { f = f.slice(p.length + 1); break; }
  }
  return f.replace(/\s+/g, "");
}

export type UnitMatch =
  | { status: "exact"; unit: OrgUnit }
  | { status: "fuzzy"; unit: OrgUnit; distance: number }
  | { status: "unknown"; suggestion: OrgUnit | null };

export interface UnitMatcher {
  match(name: string): UnitMatch;
  units: readonly OrgUnit[];
}

/**
 * Matches names as clerks write them ("Tan Nghia", "TT. Tân Nghĩa", "Thị trấn  Tân Nghĩa") to
 * registry units among `candidates` (usually one district's communes). A name one or two edits away
 * is a misspelling: matched, but reported with the registry spelling; farther is unknown, with the
 * closest name as a suggestion.
 */
export function createUnitMatcher(candidates: readonly OrgUnit[]): UnitMatcher {
  const byKey = new Map<string, OrgUnit>();
  const ambiguous = new Set<string>();
  for (const u of candidates) {
    for (const n of [u.name, ...u.aliases]) {
      const k = unitKey(n);
      if (byKey.has(k) && byKey.get(k) !== u) ambiguous.add(k);
      byKey.set(k, u);
    }
  }
  const keys = [...byKey.keys()];
  return {
    units: candidates,
    match(name) {
      const k = unitKey(name);
      if (!k) return { status: "unknown", suggestion: null };
      const hit = byKey.get(k);
      if (hit && !ambiguous.has(k)) return { status: "exact", unit: hit };
      let best: string | null = null;
      let bestD = Infinity;
      for (const key of keys) {
        const d = editDistance(k, key, Math.max(3, Math.floor(k.length / 2)));
        if (d < bestD) { bestD = d; best = key; }
      }
      const unit = best ? byKey.get(best)! : null;
      const allowed = k.length >= 8 ? 2 : 1;
      if (unit && bestD <= allowed) return { status: "fuzzy", unit, distance: bestD };
      return { status: "unknown", suggestion: unit && bestD <= Math.max(3, Math.floor(k.length / 2)) ? unit : null };
    },
  };
}

export function childrenOf(registry: readonly OrgUnit[], parent: string): OrgUnit[] {
  return registry.filter((u) => u.parent === parent);
}

/** Every unit under `code` (not including it). */
export function descendantsOf(registry: readonly OrgUnit[], code: string): OrgUnit[] {
  const out: OrgUnit[] = [];
  const queue = [code];
  while (queue.length) {
    const c = queue.shift()!;
    for (const u of registry) if (u.parent === c) { out.push(u); queue.push(u.code); }
  }
  return out;
}
