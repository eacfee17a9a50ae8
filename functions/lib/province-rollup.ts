import type { TableClient } from "@azure/data-tables";
import { getCatalog, lifespan, reportingUnitsOf, unitsValidIn, type Catalog, type OrgUnit, type RollupNode } from "../../shared/index.ts";
import type { RollupApproval, RollupResponse } from "../../shared/contract/index.ts";
import { listApprovals } from "../store/approvals.ts";
import { listUnits, listUnitSummaries, readUnit } from "../store/units.ts";
import { readMeta } from "../store/periods.ts";
import { readCalendar, readTargets } from "../store/reference.ts";
import { fail } from "./errors.ts";
import { requireRegistry } from "./province-registry.ts";
import { chainOf } from "./approvals.ts";
import { levelStates } from "../../shared/approval/flow.ts";
import { anyNodeFor, buildRollup, cachedNode, unitNode, type UnitSummary } from "./rollup.ts";

/**
 * Every stored reporting unit of a province and period with its rollup node. Only the versions are
 * listed (or passed in by a caller that has listed them already); payloads are read for units
 * whose node for that version is not cached yet.
 */
export async function unitNodes(t: TableClient, catalog: Catalog, registry: readonly OrgUnit[], province: string, period: string, listed?: readonly UnitSummary[]): Promise<(UnitSummary & { node: RollupNode })[]> {
  // Cold (no node of this registry and period computed here yet): every payload is needed, so
  // one full listing instead of a listing of versions followed by a full one.
  const cold = !listed && !anyNodeFor(catalog, registry, period) ? await listUnits(t, province, period) : null;
  const summaries = listed ?? cold ?? (await listUnitSummaries(t, province, period));
  const missing = cold ?? summaries.filter((s) => !cachedNode(catalog, registry, period, s));
  const full = cold ?? (missing.length > 4
    ? await listUnits(t, province, period)
    : (await Promise.all(missing.map((s) => readUnit(t, province, period, s.unit)))).filter((f) => f !== null));
  // A unit read in full may be newer than its summary: the full read wins.
  const fresh = new Map(full.map((f) => [f.unit, f]));
  const out: (UnitSummary & { node: RollupNode })[] = [];
  // A stored row whose unit the period no longer has is stood in for at the period's reporting level.
  const rootLevel = reportingUnitsOf(registry, province)[0]?.level ?? "district";
  for (const summary of summaries) {
    const f = fresh.get(summary.unit);
    const node = f ? unitNode(catalog, registry, period, f, rootLevel) : cachedNode(catalog, registry, period, summary);
    const s = f ?? summary;
    if (node) out.push({ unit: s.unit, version: s.version, lastSubmissionId: s.lastSubmissionId, firstSubmittedAt: s.firstSubmittedAt, lastSubmittedAt: s.lastSubmittedAt, node });
  }
  return out;
}

/** The live rollup of one province and period, from the reporting units' current entities. */
export async function provinceRollup(t: TableClient, province: string, period: string, registry?: OrgUnit[], opts: { approvedOnly?: boolean } = {}): Promise<RollupResponse> {
  const all = registry ?? (await requireRegistry(t, province));
  const units = unitsValidIn(all, period);
  if (!units.some((u) => u.code === province)) {
    const p = all.find((u) => u.code === province);
    throw fail.notFound(
      `Province ${province} did not exist in period ${period}${p ? ` (it existed ${lifespan(p, "en")})` : ""}.`,
      `Tỉnh ${province} không tồn tại trong kỳ ${period}${p ? ` (chỉ tồn tại ${lifespan(p, "vi")})` : ""}.`,
    );
  }
  const catalog = getCatalog();
  const [targets, stored, meta, calendar, rows, chain] = await Promise.all([readTargets(t, province), unitNodes(t, catalog, units, province, period), readMeta(t, province, period), readCalendar(t, province), listApprovals(t, province, period), chainOf(t, province)]);
  const byUnit = new Map(rows.map((r) => [r.unit, r]));
  // Every reporting unit carries its levels' states, a unit without a row too (none at every level).
  const approvals = new Map<string, RollupApproval>(reportingUnitsOf(units, province).map((u) => {
    const r = byUnit.get(u.code);
    const state = r?.state ?? "none";
    return [u.code, { state, version: r?.version ?? 0, by: r?.by ?? null, at: r?.at ?? null, comment: r?.comment || null, levels: levelStates(chain, state, r?.marks ?? [], { by: r?.by ?? null, at: r?.at ?? null }) }];
  }));
  return buildRollup({ catalog, province, period, registry: units, targets, stored, locked: meta.locked, calendar, approvals, approvedOnly: opts.approvedOnly, now: new Date() });
}
