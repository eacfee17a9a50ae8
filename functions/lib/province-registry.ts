import type { TableClient } from "@azure/data-tables";
import type { OrgUnit } from "../../shared/index.ts";
import { readOrgUnits } from "../store/reference.ts";
import { fail } from "./errors.ts";

/** A province without a registry is unknown to the API: every route answers the same 404. */
export function noRegistry(province: string) {
  return fail.notFound(`Province ${province} has no registry.`, `Tỉnh ${province} chưa có danh mục đơn vị.`);
}

/** The province's registry, or the 404 above. */
export async function requireRegistry(t: TableClient, province: string): Promise<OrgUnit[]> {
  const registry = await readOrgUnits(t, province);
  if (!registry) throw noRegistry(province);
  return registry;
}
