import { UNIT_ID } from "./identity.ts";
import { LEVEL_CODES, UNIT_TYPES } from "./levels.ts";
import { OrgUnitRegistry, type OrgUnit } from "./orgunits.ts";

/**
 * Hand-written checks that accept exactly what the zod schemas accept (OrgUnit in orgunits.ts,
 * a national row in national.ts) and build the same output, key for key and in the same order.
 * zod walks 14,000 units in ~130 ms cold; these take a few. They are only a fast path: callers
 * fall back to the zod schema whenever a check fails, so every error message is still zod's.
 * tests/shared/registry-fast-parse.property.test.ts proves the equality with fast-check.
 */

const DATE = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const OFFICIAL = /^\d{2,5}$/;
const LINK = /^~?\d{2,5}$/;
const LEVEL_SET: ReadonlySet<string> = new Set(LEVEL_CODES);
const TYPE_SET: ReadonlySet<string> = new Set(UNIT_TYPES);
const MAX_LINKS = 200;

/** Dates already found valid: a registry's 60,000 party cells share a handful of validFrom days. */
const validDates = new Set<string>();

/** IsoDate's regex and its calendar check, as orgunits.ts states them. */
function isIsoDate(v: unknown): v is string {
  if (typeof v !== "string") return false;
  if (validDates.has(v)) return true;
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  const ok = !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  // Dates run 1900–2099 (DATE): at most ~73,000 entries, and far fewer in practice.
  if (ok) validDates.add(v);
  return ok;
}

const isId = (v: unknown): v is string => typeof v === "string" && UNIT_ID.test(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function ids(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length > MAX_LINKS) return null;
  for (let i = 0; i < v.length; i++) if (!isId(v[i])) return null;
  return v.slice() as string[];
}

/** One unit as OrgUnit.parse would return it, or null where OrgUnit.safeParse would fail. */
export function fastOrgUnit(raw: unknown): OrgUnit | null {
  if (!isRecord(raw)) return null;
  const { code, name, level, type, parent, validFrom, validTo, predecessors, partial, sample, aliases } = raw;
  if (!isId(code) || typeof name !== "string" || name.length < 1) return null;
  if (typeof level !== "string" || !LEVEL_SET.has(level) || typeof type !== "string" || !TYPE_SET.has(type)) return null;
  if (parent !== null && typeof parent !== "string") return null;
  if (validFrom !== undefined && !isIsoDate(validFrom)) return null;
  if (validTo !== undefined && !isIsoDate(validTo)) return null;
  const pre = predecessors === undefined ? undefined : ids(predecessors);
  const part = partial === undefined ? undefined : ids(partial);
  if (pre === null || part === null) return null;
  if (sample !== undefined && typeof sample !== "boolean") return null;
  let names: string[] = [];
  if (aliases !== undefined) {
    if (!Array.isArray(aliases)) return null;
    for (const a of aliases) if (typeof a !== "string") return null;
    names = aliases.slice() as string[];
  }
  // zod's key order (the schema's), and only the keys present: JSON.stringify comparisons rely on it.
  const u: Record<string, unknown> = { code, name, level, type, parent };
  if ("validFrom" in raw) u.validFrom = validFrom;
  if ("validTo" in raw) u.validTo = validTo;
  if ("predecessors" in raw) u.predecessors = pre;
  if ("partial" in raw) u.partial = part;
  u.sample = sample ?? false;
  u.aliases = names;
  return u as OrgUnit;
}

/**
 * A registry as OrgUnitRegistry.parse returns it: each unit through the hand check, and the whole
 * array through zod the moment one unit fails it (so a bad stored registry fails with zod's error,
 * as before). A province's registry of 2,000 units and 60,000 party cells took ~15 ms in zod, cold.
 */
export function parseRegistry(raw: unknown): OrgUnit[] {
  if (!Array.isArray(raw)) return OrgUnitRegistry.parse(raw);
  const out: OrgUnit[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const u = fastOrgUnit(raw[i]);
    if (!u) return OrgUnitRegistry.parse(raw);
    out[i] = u;
  }
  return out;
}

/** Whether a national row ([code, name, type, parent, era, ...links]) passes national.ts's Row schema. */
export function isNationalRow(r: unknown): boolean {
  if (!Array.isArray(r) || r.length < 5) return false;
  const [code, name, type, parent, era] = r as unknown[];
  if (typeof code !== "string" || !OFFICIAL.test(code)) return false;
  if (typeof name !== "string" || name.length < 1 || name.length > 80) return false;
  if (typeof type !== "string" || !TYPE_SET.has(type)) return false;
  if (typeof parent !== "string" || (parent !== "" && !OFFICIAL.test(parent))) return false;
  if (era !== "old" && era !== "new" && era !== "kept") return false;
  for (let i = 5; i < r.length; i++) { const l: unknown = r[i]; if (typeof l !== "string" || !LINK.test(l)) return false; }
  return true;
}
