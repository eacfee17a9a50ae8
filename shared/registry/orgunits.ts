import { z } from "zod";
import { UNIT_ID } from "./identity.ts";
import { LEVEL_CODES, UNIT_TYPES } from "./levels.ts";
import { createNameMatcher, nameKey } from "./names.ts";

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

/** The part of a unit name that identifies it: folded, without its type words in any form (names.ts). */
export function unitKey(name: string): string {
  return nameKey(name).folded;
}

export type UnitMatch =
  | { status: "exact"; unit: OrgUnit }
  | { status: "fuzzy"; unit: OrgUnit; distance: number }
  | { status: "unknown"; suggestion: OrgUnit | null };

export interface UnitMatcher {
  match(name: string): UnitMatch;
  /** Whether `match(name)` is exact or fuzzy; a name nothing in scope is near costs no scan of the scope. */
  knows(name: string): boolean;
  units: readonly OrgUnit[];
}

/**
 * The reader's matcher over `candidates` (usually one scope's units), through the name matcher
 * (names.ts): tone marks decide between units that differ only by them; a name written without
 * the marks that would tell two units apart, or naming none, is unknown with the closest unit.
 */
export function createUnitMatcher(candidates: readonly OrgUnit[]): UnitMatcher {
  const names = createNameMatcher(candidates);
  return {
    units: candidates,
    knows(name) {
      if (!names.knows(name)) return false;
      const s = names.match(name).status;
      return s === "exact" || s === "fuzzy";
    },
    match(name) {
      const m = names.match(name);
      if (m.status === "exact" || m.status === "fuzzy") return m;
      if (m.status === "former") return { status: "unknown", suggestion: m.successors[0] ?? null };
      return { status: "unknown", suggestion: m.candidates[0] ?? null };
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
