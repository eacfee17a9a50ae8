import { periodOf } from "../../shared/index.ts";
import type { Catalog, OrgUnit, RollupNode, Target, Values } from "../../shared/index.ts";
import { compileValidator, deadlineFor, indexOf, placedSubtree, timeliness, DEFAULT_CALENDAR, type ReportingCalendar, reportingUnitsOf, rollupTree, sumValues, tableFromRecords } from "../../shared/index.ts";
import { NO_APPROVAL, type UnitRollup, type ValuesByUnit, type RollupApproval, type RollupResponse, type TargetAttainment, type UnplacedRollup } from "../../shared/contract/index.ts";

export interface UnitSummary {
  unit: string;
  version: number;
  /**
   * Part of a node's cache key with the version: a submission computes its node before it
   * commits, and when it loses the race another submission commits the same version number
   * with other values.
   */
  lastSubmissionId: string;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
}
export interface UnitState extends UnitSummary {
  values: ValuesByUnit;
}

/**
 * A registry snapshot's part of node keys: an id per array object, not a hash of its content.
 * Registries are never mutated; the same stored row (by ETag) comes back as the same array
 * (store/reference.ts) and a period's view as the same array (unitsValidIn), so nodes survive
 * cache refreshes all the same. Hashing the JSON of every province's registry cost ~100 ms of a
 * cold national consolidation.
 */
const registryIds = new WeakMap<readonly OrgUnit[], number>();
let nextRegistryId = 0;
function fingerprint(registry: readonly OrgUnit[]): number {
  let f = registryIds.get(registry);
  if (f === undefined) { f = nextRegistryId++; registryIds.set(registry, f); }
  return f;
}

/** Reporting units' nodes by registry, unit, version and submission: a committed version's values never change. */
const nodes = new Map<string, RollupNode>();
const MAX_NODES = 20_000;

function nodeKey(catalog: Catalog, registry: readonly OrgUnit[], period: string, d: UnitSummary): string {
  return `${catalog.version}|${fingerprint(registry)}|${period}|${d.unit}|${d.version}|${d.lastSubmissionId}`;
}

export function cachedNode(catalog: Catalog, registry: readonly OrgUnit[], period: string, d: UnitSummary): RollupNode | null {
  return nodes.get(nodeKey(catalog, registry, period, d)) ?? null;
}

/** Catalog, registry and period of every node computed so far (never removed: a false "yes" only costs a read). */
const warm = new Set<string>();
const warmKey = (catalog: Catalog, registry: readonly OrgUnit[], period: string) => `${catalog.version}|${fingerprint(registry)}|${period}`;

/** Whether any unit's node of this registry and period has been computed on this instance. */
export function anyNodeFor(catalog: Catalog, registry: readonly OrgUnit[], period: string): boolean {
  return warm.has(warmKey(catalog, registry, period));
}

const subtrees = new WeakMap<readonly OrgUnit[], Map<string, { units: OrgUnit[]; codes: Set<string> }>>();
/** A unit and everything under it, with their codes, per registry snapshot. */
function subtreeOf(registry: readonly OrgUnit[], code: string): { units: OrgUnit[]; codes: Set<string> } {
  let m = subtrees.get(registry);
  if (!m) { m = new Map(); subtrees.set(registry, m); }
  let hit = m.get(code);
  if (!hit) {
    const kids = childIndex(registry);
    // By the code's index, not a scan of the registry per unit: a cold national consolidation
    // asks for 3,321 subtrees of registries of ~2,000 units each.
    const units = [...(unitsByCode(registry).get(code) ?? [])];
    for (let i = 0; i < units.length; i++) units.push(...(kids.get(units[i]!.code) ?? []));
    hit = { units, codes: new Set(units.map((u) => u.code)) };
    m.set(code, hit);
  }
  return hit;
}
function subtree(registry: readonly OrgUnit[], code: string): OrgUnit[] {
  return subtreeOf(registry, code).units;
}

const codeIndexes = new WeakMap<readonly OrgUnit[], Map<string, OrgUnit[]>>();
/** Every unit of a code, in registry order (a code appears once per registry view; all are kept if not). */
function unitsByCode(registry: readonly OrgUnit[]): Map<string, OrgUnit[]> {
  let m = codeIndexes.get(registry);
  if (!m) {
    m = new Map();
    for (const u of registry) { const l = m.get(u.code); if (l) l.push(u); else m.set(u.code, [u]); }
    codeIndexes.set(registry, m);
  }
  return m;
}

const childIndexes = new WeakMap<readonly OrgUnit[], Map<string, OrgUnit[]>>();
function childIndex(registry: readonly OrgUnit[]): Map<string, OrgUnit[]> {
  let m = childIndexes.get(registry);
  if (!m) {
    m = new Map();
    for (const u of registry) if (u.parent) { const l = m.get(u.parent); if (l) l.push(u); else m.set(u.parent, [u]); }
    childIndexes.set(registry, m);
  }
  return m;
}

/** Communes in a unit's subtree (the unit itself when it is one). */
function communesIn(registry: readonly OrgUnit[], code: string): number {
  return subtree(registry, code).filter((u) => u.level === "commune").length;
}

/** Codes a node stood in for because the registry no longer places them (see placedSubtree). */
const strays = new WeakMap<RollupNode, string[]>();
export function unplacedOf(node: RollupNode): readonly string[] {
  return strays.get(node) ?? [];
}

/**
 * One reporting unit's rollup node from its stored values (the shared rollupTree rooted at the
 * unit): its communes', or its own totals when it reported no commune. Values the period's
 * registry no longer places (a unit ended or moved after they were stored) are stood in for and
 * remembered (unplacedOf), never a failure: one stranded row must not take the period down.
 */
export function unitNode(catalog: Catalog, registry: readonly OrgUnit[], period: string, d: UnitState, rootLevel = "district"): RollupNode {
  const key = nodeKey(catalog, registry, period, d);
  const hit = nodes.get(key);
  if (hit) return hit;
  const communes = new Map<string, Record<string, number | string | null>>();
  const placed = indexOf(registry).has(d.unit);
  const codes = Object.keys(d.values);
  const own = placed ? subtreeOf(registry, d.unit) : null;
  let sub = own?.units ?? [];
  let unplaced: string[] = [];
  if (!own || codes.some((c) => !own.codes.has(c))) ({ units: sub, unplaced } = placedSubtree(registry, rootLevel, d.unit, codes));
  // The unit's own totals count only when nothing under it reported (shared rollupTree).
  for (const u of sub) if (Object.prototype.hasOwnProperty.call(d.values, u.code)) communes.set(u.code, d.values[u.code]!);
  const node = rollupTree(catalog, sub, d.unit, communes, { leafRates: false }).get(d.unit)!;
  if (unplaced.length) strays.set(node, unplaced);
  if (nodes.size >= MAX_NODES) nodes.delete(nodes.keys().next().value!);
  nodes.set(key, node);
  warm.add(warmKey(catalog, registry, period));
  return node;
}

/**
 * A province's rollup from its reporting units' nodes: the province step of rollupTree (unit
 * values aggregated as unit records, rates recomputed) over nodes computed once per
 * unit version, so a submission does not re-aggregate every commune of the province.
 */
export function buildRollup(opts: {
  catalog: Catalog;
  province: string;
  period: string;
  registry: readonly OrgUnit[];
  targets: readonly Target[];
  /** Every stored unit of the period with its node. */
  stored: readonly (UnitSummary & { node: RollupNode })[];
  locked: boolean;
  /** The reporting calendar (Decree 09/2019 cut-offs, deadlines per level); the default when absent. */
  calendar?: ReportingCalendar;
  /** Unit → its approval state; a unit absent here has none. */
  approvals?: ReadonlyMap<string, RollupApproval>;
  /** Count approved units' data only (DHIS2's "approved data only"): the others keep their row and status, without figures. */
  approvedOnly?: boolean;
  now: Date;
}): RollupResponse {
  const { catalog, province, period, registry } = opts;
  const byCode = new Map(opts.stored.map((s) => [s.unit, s]));
  const calendar = opts.calendar ?? DEFAULT_CALENDAR;
  const due = deadlineFor(calendar, period, "province", { province }).at;
  const tree = new Map<string, { level: string; values: Record<string, number> }>();
  // The period's reporting units: districts before July 2025, communes since.
  const units = reportingUnitsOf(registry, province);
  // One deadline per level and period: computed once, not once per unit (3,321 communes).
  const deadlines = new Map<string, ReturnType<typeof deadlineFor>>();
  const deadlineOf = (level: string) => deadlines.get(level) ?? deadlines.set(level, deadlineFor(calendar, period, level, { province })).get(level)!;
  const rows: UnitRollup[] = units.map((u) => {
    const s = byCode.get(u.code);
    const approval = opts.approvals?.get(u.code) ?? NO_APPROVAL;
    // Receipt is receipt (communes reported, status); only the figures wait for approval.
    const got = s?.node;
    const node = opts.approvedOnly && approval.state !== "approved" ? undefined : got;
    if (node) tree.set(u.code, node);
    // Judged by the server's receipt of the first accepted submission, against the unit's level's deadline.
    const deadline = deadlineOf(u.level);
    const when = timeliness(s ? new Date(s.firstSubmittedAt) : null, deadline, opts.now);
    return {
      unit: u.code, level: u.level, district: u.code, name: u.name, submitted: !!s, version: s?.version ?? 0,
      firstSubmittedAt: s?.firstSubmittedAt ?? null, lastSubmittedAt: s?.lastSubmittedAt ?? null,
      status: when.status, daysLate: when.daysLate, dueAt: deadline.at.toISOString(),
      communesExpected: got?.communesExpected ?? communesIn(registry, u.code), communesReported: got?.communesReported ?? 0,
      values: node?.values ?? {},
      approval,
    };
  });
  const reporting = rows.filter((r) => (byCode.get(r.unit)?.node.reported ?? false) && (!opts.approvedOnly || r.approval.state === "approved"));
  // Stored rows the period's registry does not list still count, and are named in `unplaced`.
  const listed = new Set(units.map((u) => u.code));
  const unplaced: UnplacedRollup[] = [];
  const strayValues: Values[] = [];
  for (const s of opts.stored) {
    if (!listed.has(s.unit)) {
      const u = registry.find((x) => x.code === s.unit);
      unplaced.push({ unit: s.unit, reportingUnit: s.unit, reason: u ? "moved" : "gone", values: s.node.values });
      // A stranded row has no approval: never counted as approved data.
      if (s.node.reported && !opts.approvedOnly) strayValues.push(s.node.values);
      continue;
    }
    for (const c of unplacedOf(s.node)) unplaced.push({ unit: c, reportingUnit: s.unit, reason: registry.some((x) => x.code === c) ? "moved" : "gone", values: {} });
  }
  // The province step of rollupTree: a key-wise sum of the units' additive values, rates once.
  // Not aggregate(): re-reading every unit's values as a table cost more than the rest of the rollup.
  const parts = [...reporting.map((r) => r.values), ...strayValues];
  const totals: Values = parts.length ? sumValues(parts, catalog) : {};
  tree.set(province, { level: "province", values: totals });
  return {
    province, name: registry.find((u) => u.code === province)?.name ?? province, period,
    catalogVersion: catalog.version, computedAt: opts.now.toISOString(), dueAt: due.toISOString(), locked: opts.locked,
    completeness: {
      unitsExpected: rows.length, unitsReported: rows.filter((r) => r.submitted).length,
      districtsExpected: rows.filter((r) => r.level === "district").length, districtsReported: rows.filter((r) => r.submitted && r.level === "district").length,
      communesExpected: rows.reduce((n, r) => n + r.communesExpected, 0), communesReported: rows.reduce((n, r) => n + r.communesReported, 0),
      ...(opts.approvedOnly ? { unitsCounted: reporting.length } : {}),
    },
    totals,
    districts: rows,
    targets: attainment(catalog, opts.targets.filter((t) => t.scope === province || units.some((u) => u.code === t.scope)), period, tree),
    ...(unplaced.length ? { unplaced } : {}),
    ...(opts.approvedOnly ? { approvedOnly: true } : {}),
  };
}

/**
 * Target attainment at each target's scope. Whether a value meets a target is the shared
 * validator's `target_below` rule, run over one row per scope unit, so the comparison lives in
 * one place.
 */
function attainment(catalog: Catalog, targets: readonly Target[], period: string, tree: Map<string, { level: string; values: Record<string, number> }>): TargetAttainment[] {
  const year = periodOf(period).year;
  const applicable = targets.filter((t) => t.year === year);
  if (!applicable.length) return [];
  const scopes = [...new Set(applicable.map((t) => t.scope))].filter((sc) => tree.has(sc));
  if (!scopes.length) return applicable.map((t) => ({ id: t.id, indicator: t.indicator, scope: t.scope, op: t.op, target: t.value, actual: null, met: null, source: t.source }));
  const { table } = tableFromRecords(
    scopes.map((s) => ({ unit: s, unitId: s, level: tree.get(s)!.level, values: tree.get(s)!.values })),
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
    const actual = tree.get(t.scope)?.values[t.indicator];
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
