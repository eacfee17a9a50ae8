import { dayMonthYear as dmy, periodLastDay } from "../calendar/period.ts";
import type { OrgUnit } from "./orgunits.ts";

/** Whether the unit existed on `date` (ISO; validFrom/validTo inclusive, open when absent). */
export function validOn(u: OrgUnit, date: string): boolean {
  return (!u.validFrom || u.validFrom <= date) && (!u.validTo || date <= u.validTo);
}

const byPeriod = new WeakMap<readonly OrgUnit[], Map<string, OrgUnit[]>>();

/**
 * The units of period P: those valid on P's last day. Cached per registry array and period, so
 * that everything keyed by registry identity downstream (matchers, compiled validators, rollup
 * nodes) is built once per period too.
 */
export function unitsValidIn(registry: readonly OrgUnit[], period: string): OrgUnit[] {
  let m = byPeriod.get(registry);
  if (!m) { m = new Map(); byPeriod.set(registry, m); }
  const day = periodLastDay(period);
  let hit = m.get(day);
  if (!hit) {
    hit = registry.every((u) => validOn(u, day)) ? (registry as OrgUnit[]) : registry.filter((u) => validOn(u, day));
    m.set(day, hit);
  }
  return hit;
}

/** "from 2008-01-01 to 2025-06-30", "from 2025-07-01", "always": for messages. */
export function lifespan(u: OrgUnit, lang: "vi" | "en" = "vi"): string {
  const vi = lang === "vi";
  if (u.validFrom && u.validTo) return vi ? `từ ${dmy(u.validFrom)} đến ${dmy(u.validTo)}` : `from ${u.validFrom} to ${u.validTo}`;
  if (u.validFrom) return vi ? `từ ${dmy(u.validFrom)}` : `from ${u.validFrom}`;
  if (u.validTo) return vi ? `đến ${dmy(u.validTo)}` : `until ${u.validTo}`;
  return vi ? "mọi thời kỳ" : "at all times";
}

/** The chain of parents of `code`, nearest first, in the given (period's) units. */
export function ancestorsOf(units: readonly OrgUnit[], code: string): OrgUnit[] {
  const byCode = indexOf(units);
  const out: OrgUnit[] = [];
  let cur = byCode.get(code)?.parent ?? null;
  for (let guard = 0; cur && guard < 32; guard++) {
    const u = byCode.get(cur);
    if (!u) break;
    out.push(u);
    cur = u.parent;
  }
  return out;
}

const indexes = new WeakMap<readonly OrgUnit[], Map<string, OrgUnit>>();
export function indexOf(units: readonly OrgUnit[]): Map<string, OrgUnit> {
  let m = indexes.get(units);
  if (!m) { m = new Map(units.map((u) => [u.code, u])); indexes.set(units, m); }
  return m;
}

/** The province a unit lies in (itself for a province), or null. */
export function provinceOfUnit(units: readonly OrgUnit[], code: string): OrgUnit | null {
  const self = indexOf(units).get(code);
  if (!self) return null;
  if (!self.parent) return self.level === "province" ? self : null;
  const chain = ancestorsOf(units, code);
  const top = chain[chain.length - 1];
  return top && !top.parent && top.level === "province" ? top : null;
}

/**
 * The units that report to a province in these units: its direct children (districts before
 * July 2025, communes since). A province's rollup lists these, whatever the depth below them.
 */
export function reportingUnitsOf(units: readonly OrgUnit[], province: string): OrgUnit[] {
  return units.filter((u) => u.parent === province);
}

/** The unit under `province` that `code` reports through: itself, or its ancestor just below the province. */
export function reportingUnitFor(units: readonly OrgUnit[], code: string): OrgUnit | null {
  const self = indexOf(units).get(code);
  if (!self || !self.parent) return null;
  const chain = [self, ...ancestorsOf(units, code)];
  for (let i = 0; i < chain.length - 1; i++) if (!chain[i + 1]!.parent) return chain[i]!;
  return null;
}
