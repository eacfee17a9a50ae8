import { getCatalog, type OrgUnit, type Target } from "../../shared/index.ts";
import type { RollupResponse } from "../../shared/contract/index.ts";
import { buildRollup, unitNode } from "../../functions/lib/rollup.ts";

/**
 * A province rollup exactly as the functions build it (the same pure builder), from commune values
 * per reporting unit, without storage: for tests of what is laid out or written from a rollup.
 */
export function rollupFrom(opts: {
  registry: readonly OrgUnit[];
  province: string;
  period: string;
  /** Reporting unit code → commune code → values; a unit absent here has not reported. */
  values: ReadonlyMap<string, Record<string, Record<string, number | string>>>;
  targets?: readonly Target[];
  submittedAt?: (unit: string) => string;
  now?: Date;
}): RollupResponse {
  const catalog = getCatalog();
  const stored = [...opts.values].map(([unit, values], i) => {
    const at = opts.submittedAt?.(unit) ?? new Date(Date.UTC(Number(opts.period.slice(0, 4)), 11, 20, 8, i)).toISOString();
    const state = { unit, version: 1 + (i % 3), lastSubmissionId: `s-${unit}`, firstSubmittedAt: at, lastSubmittedAt: at, values };
    return { ...state, node: unitNode(catalog, opts.registry, opts.period, state) };
  });
  return buildRollup({
    catalog, province: opts.province, period: opts.period, registry: opts.registry, targets: opts.targets ?? [],
    stored, locked: false, now: opts.now ?? new Date(Date.UTC(Number(opts.period.slice(0, 4)) + 1, 1, 1)),
  });
}
