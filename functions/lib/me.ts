import type { TableClient } from "@azure/data-tables";
import { provinceOfUnit } from "../../shared/index.ts";
import type { MeAssignment, MeResponse } from "../../shared/contract/index.ts";
import { listProvinces, readOrgUnits } from "../store/reference.ts";
import type { Principal } from "./auth.ts";

/**
 * The signed-in person as the task pane shows them: the assignment with its unit's name, level
 * and province from the registries. The assignment row names a unit code only, so the province
 * is the registry that holds it (registries are cached, so this is cheap after the first call).
 */
export async function describe(t: TableClient, who: Principal): Promise<MeResponse> {
  const a = who.assignment;
  const entry: MeAssignment = { role: a.role, unit: a.unit, unitName: null, level: null, province: null, provinceName: null };
  if (a.unit) {
    for (const p of await listProvinces(t)) {
      const units = await readOrgUnits(t, p);
      const u = units?.find((x) => x.code === a.unit);
      if (!units || !u) continue;
      const prov = provinceOfUnit(units, u.code);
      Object.assign(entry, { unitName: u.name, level: u.level, province: prov?.code ?? null, provinceName: prov?.name ?? null });
      if (prov?.code === p) break;
    }
  }
  return { user: who.user, displayName: who.displayName, assignments: [entry] };
}
