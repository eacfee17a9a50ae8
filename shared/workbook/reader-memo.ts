// What the reader works out once and reuses across sheets: the units valid on a day, their
// matchers and name indexes, periods' last days, grades' lookups. One memo per registry and
// catalog a host reads with, passed down to every stage, so no stage keeps state of its own.
import type { Indicator } from "../catalog/catalog.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import { createUnitMatcher } from "../registry/orgunits.ts";
import { periodLastDay } from "../calendar/period.ts";

export class ReaderMemo {
  readonly #units = new WeakMap<readonly OrgUnit[], { length: number; m: Map<string, unknown> }>();
  readonly #lastDays = new Map<string, string>();
  readonly #grades = new WeakMap<Indicator, Map<string, number>>();

  /** What is made once per registry array (bounded per array; arrays are the hosts', never changed in place). */
  units<T>(pool: readonly OrgUnit[], key: string, make: () => T): T {
    let e = this.#units.get(pool);
    if (!e || e.length !== pool.length) { e = { length: pool.length, m: new Map() }; this.#units.set(pool, e); }
    if (e.m.has(key)) return e.m.get(key) as T;
    const v = make();
    if (e.m.size >= 64) e.m.clear();
    e.m.set(key, v);
    return v;
  }

  matcher(units: readonly OrgUnit[]): ReturnType<typeof createUnitMatcher> {
    return this.units(units, "matcher", () => createUnitMatcher(units));
  }

  /** A period's last day, worked out once per period (every form of a workbook asks for the same one). */
  lastDay(period: string): string {
    let d = this.#lastDays.get(period);
    if (d === undefined) {
      d = periodLastDay(period);
      if (this.#lastDays.size >= 1_000) this.#lastDays.clear();
      this.#lastDays.set(period, d);
    }
    return d;
  }

  /** An indicator's grade names (folded label, code, aliases) to class index, made on first use. */
  grades(ind: Indicator, make: () => Map<string, number>): Map<string, number> {
    let lookup = this.#grades.get(ind);
    if (!lookup) { lookup = make(); this.#grades.set(ind, lookup); }
    return lookup;
  }
}
