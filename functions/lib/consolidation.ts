import type { TableClient } from "@azure/data-tables";
import { unitsValidIn } from "../../shared/index.ts";
import type { ConsolidationResponse, RollupResponse } from "../../shared/contract/index.ts";
import { expireAnswers } from "../store/idempotency.ts";
import { listProvinces, readOrgUnits } from "../store/reference.ts";
import { snapshotHashes, writeSnapshots, type Snapshot } from "../store/snapshots.ts";
import { provinceRollup } from "./province-rollup.ts";
import { settings } from "./settings.ts";
import { provinceScorecard } from "./scorecard.ts";

/** The snapshot row of a province's scorecard ("~" is in no unit code, so it meets no unit's row). */
export const SCORECARD_UNIT = "~scorecard";

/**
 * Recomputes and stores rollup snapshots (province row + one row per reporting unit) in the period's
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

/** A province's snapshot rows: the province (without the per-unit values) and each reporting unit. */
export function snapshotsOf(province: string, rollup: RollupResponse): Snapshot[] {
  const { computedAt: _ignored, ...stable } = rollup;
  return [
    { province, unit: province, level: "province", body: { ...stable, districts: stable.districts.map(({ values: _v, ...d }) => d) } },
    ...rollup.districts.map((d): Snapshot => ({ province, unit: d.unit, level: d.level, body: d })),
  ];
}

/** Idempotency records created before this instant are past their retention. */
export function retentionCutoff(now: Date = new Date()): Date {
  return new Date(now.getTime() - settings().idempotencyRetentionDays * 86_400_000);
}
