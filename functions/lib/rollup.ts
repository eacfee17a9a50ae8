import type { Catalog, OrgUnit, Target } from "../../shared/index.ts";
import { compileValidator, rollupTree, tableFromRecords } from "../../shared/index.ts";
import { periodDue, type DistrictRollup, type DistrictValues, type RollupResponse, type TargetAttainment } from "../../shared/contract/index.ts";

export interface DistrictState {
  district: string;
  version: number;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
  values: DistrictValues;
}

/**
 * A province's rollup from the districts' stored values, along the registry, with the shared
 * rollup (rates recomputed, never summed). Values a district reports for itself rather than for
 * a commune do not enter the rollup: shared `rollupTree` takes commune values only.
 */
export function buildRollup(opts: {
  catalog: Catalog;
  province: string;
  period: string;
  registry: readonly OrgUnit[];
  targets: readonly Target[];
  districts: readonly DistrictState[];
  locked: boolean;
  graceDays: number;
  now: Date;
}): RollupResponse {
  const { catalog, province, period, registry } = opts;
  const communeCodes = new Set(registry.filter((u) => u.level === "commune").map((u) => u.code));
  const communes = new Map<string, Record<string, number | string | null>>();
  const stored = new Map(opts.districts.map((d) => [d.district, d]));
  for (const d of opts.districts) {
    for (const [unit, values] of Object.entries(d.values)) if (communeCodes.has(unit)) communes.set(unit, values);
  }
  const tree = rollupTree(catalog, registry, province, communes);
  const due = periodDue(period, opts.graceDays);
  const districts: DistrictRollup[] = registry
    .filter((u) => u.level === "district" && u.parent === province)
    .map((u) => {
      const node = tree.get(u.code);
      const s = stored.get(u.code);
      const status: DistrictRollup["status"] = s
        ? new Date(s.firstSubmittedAt) <= due ? "on_time" : "late"
        : opts.now > due ? "overdue" : "missing";
      return {
        district: u.code, name: u.name, submitted: !!s, version: s?.version ?? 0,
        firstSubmittedAt: s?.firstSubmittedAt ?? null, lastSubmittedAt: s?.lastSubmittedAt ?? null, status,
        communesExpected: node?.communesExpected ?? 0, communesReported: node?.communesReported ?? 0,
        values: node?.values ?? {},
      };
    });
  const root = tree.get(province)!;
  return {
    province, name: registry.find((u) => u.code === province)?.name ?? province, period,
    catalogVersion: catalog.version, computedAt: opts.now.toISOString(), dueAt: due.toISOString(), locked: opts.locked,
    completeness: {
      districtsExpected: districts.length, districtsReported: districts.filter((d) => d.submitted).length,
      communesExpected: root.communesExpected, communesReported: root.communesReported,
    },
    totals: root.values,
    districts,
    targets: attainment(catalog, opts.targets, period, tree),
  };
}

/**
 * Target attainment at each target's scope. Whether a value meets a target is the shared
 * validator's `target_below` rule, run over one row per scope unit, so the comparison lives in
 * one place.
 */
function attainment(catalog: Catalog, targets: readonly Target[], period: string, tree: Map<string, { level: string; values: Record<string, number> }>): TargetAttainment[] {
  const year = Number(period.slice(0, 4));
  const applicable = targets.filter((t) => t.year === year && tree.has(t.scope));
  if (!applicable.length) return [];
  const scopes = [...new Set(applicable.map((t) => t.scope))];
  const { table } = tableFromRecords(
    scopes.map((s) => ({ unit: s, unitId: s, level: tree.get(s)!.level as "province" | "district" | "commune", values: tree.get(s)!.values })),
    catalog,
  );
  const below = new Set<string>();
  // One compiled run for all targets; targets that share a scope and indicator run alone, since
  // the validator's issues name the indicator but not the target.
  const key = (t: Target) => `${t.scope}\u0000${t.indicator}`;
  const counts = new Map<string, number>();
  for (const t of applicable) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  const runs: Target[][] = [applicable.filter((t) => counts.get(key(t)) === 1), ...applicable.filter((t) => counts.get(key(t))! > 1).map((t) => [t])];
  for (const run of runs) {
    if (!run.length) continue;
    const issues = validatorFor(catalog, run)(table);
    for (const t of run) if (issues.some((i) => i.rule === "target_below" && i.unit === t.scope && i.indicators[0] === t.indicator)) below.add(t.id + "\u0000" + t.op + t.value);
  }
  return applicable.map((t) => {
    const actual = tree.get(t.scope)!.values[t.indicator];
    return {
      id: t.id, indicator: t.indicator, scope: t.scope, op: t.op, target: t.value, actual: actual ?? null,
      met: actual === undefined ? null : !below.has(t.id + "\u0000" + t.op + t.value), source: t.source,
    };
  });
}

const validators = new Map<string, (t: ReturnType<typeof tableFromRecords>["table"]) => ReturnType<ReturnType<typeof compileValidator>>>();

function validatorFor(catalog: Catalog, targets: Target[]) {
  const k = `${catalog.version}|${targets.map((t) => `${t.id}${t.op}${t.value}${t.scope}`).join("|")}`;
  let v = validators.get(k);
  if (!v) {
    if (validators.size > 200) validators.clear();
    v = compileValidator(catalog, { lang: "en", targets, inScope: (u, s) => u === s });
    validators.set(k, v);
  }
  return v;
}
