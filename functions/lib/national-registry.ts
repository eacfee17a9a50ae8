import { defaultRegistry } from "../../seeds/national.ts";
import { confineToProvince, type OrgUnit } from "../../shared/index.ts";

/**
 * The national registry: the shipped administrative units with their links across provinces
 * (the demo's sample units and the country's real ones, seeds/national.ts), changed only by the
 * operator through a release, never by a province's import. Links between provinces are taken
 * from here alone.
 */
export const NATIONAL_REGISTRY: readonly OrgUnit[] = defaultRegistry();

/** A stored province registry as reads may follow it across provinces (shared/registry/lineage.ts). */
export function confined(province: string, registry: readonly OrgUnit[]): OrgUnit[] {
  return confineToProvince(province, registry, NATIONAL_REGISTRY) as OrgUnit[];
}
