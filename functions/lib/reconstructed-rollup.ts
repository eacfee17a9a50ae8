import type { TableClient } from "@azure/data-tables";
import { getCatalog, isoDate, lifespan, pastRollup, periodHolding, periodOf, reconstructInUnits, sourceProvinces, unitsValidIn, type OrgUnit, type StoredPartition } from "../../shared/index.ts";
import type { ReconstructedRollup, RollupResponse } from "../../shared/contract/index.ts";
import { listUnits } from "../store/units.ts";
import { fail } from "./errors.ts";
import type { Principal } from "./auth.ts";
import { assertCrossProvinceReader, linkedNationally } from "./cross-province.ts";
import { confined } from "./national-registry.ts";

/**
 * `period`'s figures in the units of period `inUnitsOf` (shared/rollup/in-units.ts): the earlier
 * period's stored values of every province the sources lay in (one listing of each such
 * province's partition), so a new province's communes formed from two old provinces' communes
 * read both. Another province's partition is read only for a reader cross-province.ts allows
 * (`reader` null: a job), and of it only the rows of the reporting units the confined registry
 * holds (those the links reach).
 */
export async function rollupInUnitsOf(t: TableClient, registry: readonly OrgUnit[], province: string, period: string, inUnitsOf: string, reader: Principal | null, now = new Date()): Promise<ReconstructedRollup> {
  // Another province's figures only along the national registry's links, whatever this province declared.
  const all = confined(province, registry);
  const provinces = sourceProvinces(all, province, period, inUnitsOf);
  if (!provinces) {
    const p = all.find((u) => u.code === province);
    throw fail.notFound(`Province ${province} did not exist in period ${inUnitsOf}${p ? ` (it existed ${lifespan(p, "en")})` : ""}.`, `Tỉnh ${province} không tồn tại trong kỳ ${inUnitsOf}${p ? ` (chỉ tồn tại ${lifespan(p, "vi")})` : ""}.`);
  }
  await Promise.all(provinces.map((p) => assertCrossProvinceReader(t, reader, province, p)));
  const reached = new Set(all.map((u) => u.code));
  const stored = new Map<string, StoredPartition>();
  await Promise.all(provinces.map(async (p) => {
    const rows = await listUnits(t, p, period);
    const granted = p === province || !linkedNationally(province, p) ? rows : rows.filter((r) => reached.has(r.unit));
    stored.set(p, new Map(granted.map((r) => [r.unit, r.values])));
  }));
  return reconstructInUnits(getCatalog(), all, province, period, inUnitsOf, stored, now)!;
}

/**
 * The rollup of a period before the province existed (Lâm Đồng's 2024): its predecessors'
 * figures rebuilt in today's units (the period of the same kind holding `now`), marked as
 * such (shared/rollup/past.ts). Null when the province existed in the period (its own rollup
 * answers) or neither today's units nor any predecessor give anything to rebuild (the caller's
 * "did not exist" answers).
 */
export async function pastRollupOf(t: TableClient, registry: readonly OrgUnit[], province: string, period: string, reader: Principal | null, now = new Date()): Promise<RollupResponse | null> {
  const all = confined(province, registry);
  if (unitsValidIn(all, period).some((u) => u.code === province)) return null;
  const today = periodHolding(periodOf(period).kind, isoDate(now)).code;
  if (today <= period || !sourceProvinces(all, province, period, today)?.length) return null;
  return pastRollup(await rollupInUnitsOf(t, registry, province, period, today, reader, now), getCatalog().version);
}
