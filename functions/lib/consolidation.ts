import type { TableClient } from "@azure/data-tables";
import { getCatalog, lifespan, reportingUnitsOf, unitsValidIn, type Catalog, type OrgUnit, type RollupNode } from "../../shared/index.ts";
import type { ConsolidationResponse, RollupResponse } from "../../shared/contract/index.ts";
import { listDistricts, listDistrictSummaries, readDistrict } from "../store/districts.ts";
import { expireAnswers } from "../store/idempotency.ts";
import { readMeta } from "../store/periods.ts";
import { listProvinces, readCalendar, readOrgUnits, readTargets } from "../store/reference.ts";
import { snapshotHashes, writeSnapshots, type Snapshot } from "../store/snapshots.ts";
import { fail } from "./errors.ts";
import { buildRollup, cachedNode, districtNode, type DistrictSummary } from "./rollup.ts";
import { settings } from "./settings.ts";
import { provinceScorecard } from "./scorecard.ts";

/** The snapshot row of a province's scorecard ("~" is in no unit code, so it meets no unit's row). */
export const SCORECARD_UNIT = "~scorecard";

/**
 * Every stored district of a province and period with its rollup node. Only the versions are
 * listed (or passed in by a caller that has listed them already); payloads are read for districts
 * whose node for that version is not cached yet.
 */
export async function districtNodes(t: TableClient, catalog: Catalog, registry: readonly OrgUnit[], province: string, period: string, listed?: readonly DistrictSummary[]): Promise<(DistrictSummary & { node: RollupNode })[]> {
  const summaries = listed ?? (await listDistrictSummaries(t, province, period));
  const missing = summaries.filter((d) => !cachedNode(catalog, registry, period, d));
  const full = missing.length > 4
    ? await listDistricts(t, province, period)
    : (await Promise.all(missing.map((d) => readDistrict(t, province, period, d.district)))).filter((d) => d !== null);
  // A district read in full may be newer than its summary: the full read wins.
  const fresh = new Map(full.map((f) => [f.district, f]));
  const out: (DistrictSummary & { node: RollupNode })[] = [];
  // A stored row whose unit the period no longer has is stood in for at the period's reporting level.
  const rootLevel = reportingUnitsOf(registry, province)[0]?.level ?? "district";
  for (const d of summaries) {
    const f = fresh.get(d.district);
    const node = f ? districtNode(catalog, registry, period, f, rootLevel) : cachedNode(catalog, registry, period, d);
    const s = f ?? d;
    if (node) out.push({ district: s.district, version: s.version, lastSubmissionId: s.lastSubmissionId, firstSubmittedAt: s.firstSubmittedAt, lastSubmittedAt: s.lastSubmittedAt, node });
  }
  return out;
}

/** The live rollup of one province and period, from the districts' current entities. */
export async function provinceRollup(t: TableClient, province: string, period: string, registry?: OrgUnit[]): Promise<RollupResponse> {
  const all = registry ?? (await readOrgUnits(t, province));
  if (!all) throw fail.notFound(`Province ${province} has no registry.`, `Tỉnh ${province} chưa có danh mục đơn vị.`);
  const units = unitsValidIn(all, period);
  if (!units.some((u) => u.code === province)) {
    const p = all.find((u) => u.code === province);
    throw fail.notFound(
      `Province ${province} did not exist in period ${period}${p ? ` (it existed ${lifespan(p, "en")})` : ""}.`,
      `Tỉnh ${province} không tồn tại trong kỳ ${period}${p ? ` (chỉ tồn tại ${lifespan(p, "vi")})` : ""}.`,
    );
  }
  const catalog = getCatalog();
  const [targets, districts, meta, calendar] = await Promise.all([readTargets(t, province), districtNodes(t, catalog, units, province, period), readMeta(t, province, period), readCalendar(t, province)]);
  return buildRollup({ catalog, province, period, registry: units, targets, districts, locked: meta.locked, calendar, now: new Date() });
}

/**
 * Recomputes and stores rollup snapshots (province row + one row per district) in the period's
 * snapshot partition, in transactions of up to 100. Unchanged rows are not rewritten, so running
 * it twice in a row writes nothing the second time. Each province's rows are written as soon as
 * its rollup is computed, so one province's writes overlap the next ones' reads and computation
 * (the stored hashes are read once, alongside). It also deletes the period's idempotency records
 * past their retention.
 */
export async function consolidate(t: TableClient, opts: { province?: string; period: string; batched?: boolean; force?: boolean; concurrency?: number; scorecards?: boolean }): Promise<ConsolidationResponse> {
  const provinces = opts.province ? [opts.province] : await listProvinces(t);
  const computedAt = new Date().toISOString();
  const hashes = opts.force ? Promise.resolve(new Map<string, string>()) : snapshotHashes(t, opts.period, provinces);
  // Not awaited until the first write: a failed read must not go unhandled meanwhile.
  hashes.catch(() => undefined);
  const done: { province: string; rollup: RollupResponse; answersExpired: number; rowsWritten: number }[] = [];
  const queue = [...provinces];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const registry = await readOrgUnits(t, p);
      // A province that did not exist in the period (merged away, or formed later) has nothing to consolidate.
      if (!opts.province && (!registry || !unitsValidIn(registry, opts.period).some((u) => u.code === p))) continue;
      const [rollup, answersExpired] = await Promise.all([provinceRollup(t, p, opts.period, registry ?? undefined), expireAnswers(t, p, opts.period, retentionCutoff())]);
      let scorecard: Snapshot | undefined;
      if (opts.scorecards && registry) {
        // The computation time is left out of the stored body, so an unchanged scorecard is not rewritten.
        const { computedAt: _c, ...body } = await provinceScorecard(t, p, opts.period, registry, rollup);
        scorecard = { province: p, unit: SCORECARD_UNIT, level: "scorecard", body };
      }
      const written = await writeSnapshots(t, opts.period, [...snapshotsOf(p, rollup), ...(scorecard ? [scorecard] : [])], {
        batched: opts.batched ?? true, force: opts.force ?? false, computedAt, existing: await hashes,
      });
      done.push({ province: p, rollup, answersExpired, rowsWritten: written.get(p) ?? 0 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, provinces.length) }, worker));
  const out: ConsolidationResponse["provinces"] = done.map(({ province, rollup, answersExpired, rowsWritten }) => (
    { province, districtsExpected: rollup.completeness.districtsExpected, districtsReported: rollup.completeness.districtsReported, unitsExpected: rollup.completeness.unitsExpected, unitsReported: rollup.completeness.unitsReported, rowsWritten, unchanged: rowsWritten === 0, answersExpired }
  ));
  out.sort((a, b) => a.province.localeCompare(b.province));
  return { period: opts.period, computedAt, provinces: out };
}

/** A province's snapshot rows: the province (without the per-district values) and each district. */
export function snapshotsOf(province: string, rollup: RollupResponse): Snapshot[] {
  const { computedAt: _ignored, ...stable } = rollup;
  return [
    { province, unit: province, level: "province", body: { ...stable, districts: stable.districts.map(({ values: _v, ...d }) => d) } },
    ...rollup.districts.map((d): Snapshot => ({ province, unit: d.district, level: d.level, body: d })),
  ];
}

/** Idempotency records created before this instant are past their retention. */
export function retentionCutoff(now: Date = new Date()): Date {
  return new Date(now.getTime() - settings().idempotencyRetentionDays * 86_400_000);
}
