import type { Catalog, OrgUnit } from "../shared/index.ts";
import type { Dhis2MappingInput } from "../shared/contract/dhis2-mapping.ts";

/**
 * A sample DHIS2 mapping for the demo instance: every count of the catalog to a data element
 * coded HTCT_<CODE>, and each province with the units that report to it (its rollup's units,
 * whatever their level) to its own code (DHIS2 imports these with idScheme=CODE). A real
 * instance's file names its own UIDs; this one shows the shape and makes the demo export.
 */
export function sampleDhis2Mapping(catalog: Catalog, registry: readonly OrgUnit[]): Dhis2MappingInput {
  const dataElements: Dhis2MappingInput["dataElements"] = {};
  // A province no unit reports to (a former one, held only as another's predecessor) exports nothing.
  const parents = new Set(registry.map((u) => u.parent));
  const provinces = new Set(registry.filter((u) => u.level === "province" && parents.has(u.code)).map((u) => u.code));
  for (const ind of catalog.indicators) {
    if (ind.kind === "ratio" || ind.type === "percent") continue;
    dataElements[ind.code] = { dataElement: `HTCT_${ind.code.toUpperCase().replace(/\./g, "_")}`.slice(0, 50) };
  }
  return {
    dataSet: "HTCT_HTCT_CO_SO",
    dataElements,
    orgUnits: Object.fromEntries(registry.filter((u) => provinces.has(u.code) || provinces.has(u.parent ?? "")).map((u) => [u.code, u.code])),
    ignore: [],
  };
}

/** Every unit of every demo province: the seed registry and the sample two-tier province of `npm start`. */
export async function demoRegistry(): Promise<OrgUnit[]> {
  const { REGISTRY } = await import("./orgunits.ts");
  const { sampleTwoTierProvince } = await import("../scripts/seed-provincial.ts");
  return [...REGISTRY, ...sampleTwoTierProvince()];
}

/** `npx tsx seeds/dhis2-mapping.ts` rewrites seeds/dhis2-mapping.json from the catalog and the demo registry. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import("node:fs");
  const { getCatalog } = await import("../shared/index.ts");
  writeFileSync(new URL("./dhis2-mapping.json", import.meta.url), JSON.stringify(sampleDhis2Mapping(getCatalog(), await demoRegistry()), null, 2) + "\n");
}
