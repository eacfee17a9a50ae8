/**
 * The country's real provinces for a running local stack (`npm start`, `npm run seed`): each
 * province since 1 July 2025 gets the shipped national registry's part for it (its communes, and
 * the old provinces, districts and communes they were formed from), so its staff find their
 * units there on day one. A province that already has a registry on the server keeps it: what
 * it imported or accepted since (party cells, villages) is never overwritten by a seed.
 */
import type { TableClient } from "@azure/data-tables";
import { nationalRegistry } from "../seeds/national.ts";
import type { OrgUnit } from "../shared/index.ts";
import { readOrgUnits, writeReference } from "../functions/store/reference.ts";
import { provincesOf } from "./demo.ts";

/** Each current province of the national registry with the units its own registry holds. */
export function nationalProvinceRegistries(registry: readonly OrgUnit[] = nationalRegistry()): { province: OrgUnit; units: OrgUnit[] }[] {
  return provincesOf(registry).filter((p) => !p.province.validTo).map(({ province, units }) => ({ province, units }));
}

/** Writes the registry of every real province that has none yet; returns the provinces written. */
export async function seedNationalProvinces(t: TableClient, registry: readonly OrgUnit[] = nationalRegistry()): Promise<string[]> {
  const written: string[] = [];
  for (const { province, units } of nationalProvinceRegistries(registry)) {
    if (await readOrgUnits(t, province.code)) continue;
    await writeReference(t, province.code, units, []);
    written.push(province.code);
  }
  return written;
}
