import { periodLastDay } from "../calendar/period.ts";
import type { Catalog, Indicator } from "./catalog.ts";

/**
 * The catalog as a period's structure has it: only the indicators that exist on the period's last
 * day (no thị trấn after 30/6/2025, đặc khu from 1/7/2025), each with that period's label,
 * wordings and parts (schema.ts `periods`), and only the rules and rates whose indicators all
 * exist. The structure is data; this only reads it. Cached per catalog and day, so what is
 * keyed by catalog identity downstream is built once per period.
 */
const cache = new WeakMap<Catalog, Map<string, Catalog>>();

const within = (day: string, from?: string, to?: string) => (!from || from <= day) && (!to || day <= to);

export function catalogFor(catalog: Catalog, period: string): Catalog {
  const day = periodLastDay(period);
  let m = cache.get(catalog);
  if (!m) { m = new Map(); cache.set(catalog, m); }
  const hit = m.get(day);
  if (hit) return hit;
  const exists = new Set(catalog.indicators.filter((i) => within(day, i.validFrom, i.validTo)).map((i) => i.code));
  const indicators: Indicator[] = [];
  for (const ind of catalog.indicators) {
    if (!exists.has(ind.code)) continue;
    if (ind.kind === "ratio" && ![...(ind.numerator ?? []), ...(ind.denominator ?? [])].every((c) => exists.has(c))) continue;
    const p = ind.periods?.find((x) => within(day, x.validFrom, x.validTo));
    const of = (p?.of ?? ind.of)?.filter((c) => exists.has(c));
    const sameOf = !ind.of || (of!.length === ind.of.length && of!.every((c, k) => c === ind.of![k]));
    if (!p && sameOf) { indicators.push(ind); continue; }
    indicators.push({ ...ind, label: p?.label ?? ind.label, aliases: p?.aliases ? [...p.aliases, ...ind.aliases] : ind.aliases, ...(of ? { of } : {}) });
  }
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const rules = catalog.rules.filter((r) => (r.type === "part_le_whole" ? [r.part, r.whole] : [...r.parts, r.whole]).every((c) => byCode.has(c)));
  const unchanged = indicators.length === catalog.indicators.length && indicators.every((i, k) => i === catalog.indicators[k]) && rules.length === catalog.rules.length;
  const view: Catalog = unchanged ? catalog : { ...catalog, indicators, byCode, rules };
  m.set(day, view);
  return view;
}

/**
 * A unit's stored values as the period's catalog reads them: values of indicators the period's
 * structure does not have (a thị trấn count kept from an older catalog version) are left out of
 * judging, not deleted from storage.
 */
export function valuesFor<V>(catalog: Catalog, period: string, values: Readonly<Record<string, V>>): Record<string, V> {
  const view = catalogFor(catalog, period);
  if (view === catalog) return { ...values };
  return Object.fromEntries(Object.entries(values).filter(([code]) => view.byCode.has(code) || !catalog.byCode.has(code)));
}
