import type { Catalog, OrgUnit } from "../shared/index.ts";
import type { Dhis2MappingInput } from "../shared/contract/dhis2-mapping.ts";

/**
 * A sample DHIS2 mapping for the demo instance: every count of the catalog to a data element
 * coded HTCT_<CODE> and every unit to its own code (DHIS2 imports by code with idScheme=CODE).
 * A real instance's file names its own UIDs; this one shows the shape and makes the demo export.
 */
export function sampleDhis2Mapping(catalog: Catalog, registry: readonly OrgUnit[]): Dhis2MappingInput {
  const dataElements: Dhis2MappingInput["dataElements"] = {};
  for (const ind of catalog.indicators) {
    if (ind.kind === "ratio" || ind.type === "percent") continue;
    dataElements[ind.code] = { dataElement: `HTCT_${ind.code.toUpperCase().replace(/\./g, "_")}`.slice(0, 50) };
  }
  return {
    dataSet: "HTCT_HTCT_CO_SO",
    dataElements,
    orgUnits: Object.fromEntries(registry.filter((u) => u.level !== "commune").map((u) => [u.code, u.code])),
    ignore: [],
  };
}

/** `npx tsx seeds/dhis2-mapping.ts` rewrites seeds/dhis2-mapping.json from the catalog and registry. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import("node:fs");
  const { getCatalog } = await import("../shared/index.ts");
  const { REGISTRY } = await import("./orgunits.ts");
  writeFileSync(new URL("./dhis2-mapping.json", import.meta.url), JSON.stringify(sampleDhis2Mapping(getCatalog(), REGISTRY), null, 2) + "\n");
}
