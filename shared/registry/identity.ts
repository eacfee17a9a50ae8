/**
 * A unit's identity is its official code and the interval it existed in: the statistics office
 * reuses codes (01 is Hà Nội before and after 1 July 2025; most new communes keep a predecessor's
 * code), so a bare code names different units in different periods. Where a code names more than
 * one unit, every unit but the one with no start date carries its first day as a suffix
 * ("00004@2025-07-01"); a code that names one unit stays bare, so existing ids stay valid.
 */
export const UNIT_ID = /^[A-Z0-9][A-Z0-9-]{0,39}(@\d{4}-\d{2}-\d{2})?$/;

/** The official code inside an id: "00004@2025-07-01" → "00004". */
export function officialCode(id: string): string {
  const at = id.indexOf("@");
  return at < 0 ? id : id.slice(0, at);
}

/** The id a unit of `code` starting on `validFrom` gets, given whether the code is reused. */
export function unitIdFor(code: string, validFrom: string | undefined, reused: boolean): string {
  return reused && validFrom ? `${code}@${validFrom}` : code;
}

/** What identity needs of a unit (the registry's OrgUnit has it); kept structural so this module imports nothing. */
export interface Dated { code: string; validFrom?: string | undefined; validTo?: string | undefined }

const byOfficial = new WeakMap<readonly Dated[], Map<string, Dated[]>>();
function officialIndex<U extends Dated>(registry: readonly U[]): Map<string, U[]> {
  let m = byOfficial.get(registry) as Map<string, U[]> | undefined;
  if (!m) {
    m = new Map<string, U[]>();
    for (const u of registry) {
      const c = officialCode(u.code);
      const list = m.get(c);
      if (list) list.push(u); else m.set(c, [u]);
    }
    byOfficial.set(registry, m);
  }
  return m;
}

/**
 * "The unit with this code valid on this day": `code` may be an official code or a full id. With
 * no day, a code naming one unit gives it and a reused code gives null (it is ambiguous).
 */
export function unitWithCode<U extends Dated>(registry: readonly U[], code: string, day?: string): U | null {
  const all = officialIndex(registry).get(officialCode(code));
  if (!all) return null;
  if (code.includes("@")) return all.find((u) => u.code === code) ?? null;
  if (!day) return all.length === 1 ? all[0]! : null;
  return all.find((u) => (!u.validFrom || u.validFrom <= day) && (!u.validTo || day <= u.validTo)) ?? null;
}

/** Every unit an official code has named, oldest first. */
export function unitsWithCode<U extends Dated>(registry: readonly U[], code: string): readonly U[] {
  return officialIndex(registry).get(officialCode(code)) ?? [];
}
