import type { Target } from "../catalog/schema.ts";

export function meets(v: number, op: Target["op"], target: number): boolean {
  const e = 1e-9;
  switch (op) {
    case ">=": return v >= target - e;
    case ">": return v > target + e;
    case "<=": return v <= target + e;
    case "<": return v < target - e;
    case "=": return Math.abs(v - target) <= e;
  }
}

export interface Attainment {
  target: Target;
  /** The unit's value, null when its values do not determine it. */
  value: number | null;
  met: boolean | null;
}

/** How a unit's aggregated values stand against the targets set for it (scope = the unit). */
export function targetAttainment(values: Readonly<Record<string, number>>, targets: readonly Target[], unitId: string): Attainment[] {
  return targets
    .filter((t) => t.scope === unitId)
    .map((target) => {
      const value = values[target.indicator];
      return value === undefined ? { target, value: null, met: null } : { target, value, met: meets(value, target.op, target.value) };
    });
}
