import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { OrgUnit } from "../shared/index.ts";

/**
 * A generated country for the store benchmarks: 63 provinces, 700 districts spread evenly, 10,000
 * communes spread evenly, every unit labelled as a sample. One module so bench/functions.ts and
 * bench/scorecard.ts measure the same tree, stored the same way.
 */
export function sampleCountry(): { country: OrgUnit[][]; districts: number; communes: number } {
  const country: OrgUnit[][] = [];
  let d = 0, c = 0;
  for (let p = 0; p < 63; p++) {
    const code = `C${String(p + 1).padStart(2, "0")}`;
    const nd = Math.floor(700 / 63) + (p < 700 % 63 ? 1 : 0);
    const units: OrgUnit[] = [{ code, name: `Tỉnh mẫu ${code}`, level: "province", type: "tinh", parent: null, sample: true, aliases: [] }];
    for (let i = 0; i < nd; i++, d++) {
      const dc = `${code}-D${String(i + 1).padStart(2, "0")}`;
      units.push({ code: dc, name: `Huyện mẫu ${dc}`, level: "district", type: "huyen", parent: code, sample: true, aliases: [] });
      const nc = Math.floor(10_000 / 700) + (d < 10_000 % 700 ? 1 : 0);
      for (let k = 0; k < nc; k++, c++) units.push({ code: `${dc}-M${String(k + 1).padStart(2, "0")}`, name: `Xã mẫu ${dc}.${k + 1}`, level: "commune", type: "xa", parent: dc, sample: true, aliases: [] });
    }
    country.push(units);
  }
  return { country, districts: d, communes: c };
}

/**
 * Stores the country as its submissions would have left it: each province's registry, and for
 * each period every reporting unit's row (its communes' values from `valuesOf`) and the period's
 * META row, the provinces in parallel. The store's modules load here, once the bench stack has
 * put their settings in the environment.
 */
export async function storeSampleCountry(t: TableClient, country: readonly OrgUnit[][], periods: readonly string[], valuesOf: (commune: OrgUnit, period: string) => Record<string, number | string>): Promise<void> {
  const { writeReference } = await import("../functions/store/reference.ts");
  const { unitEntity } = await import("../functions/store/units.ts");
  const { pk } = await import("../functions/store/keys.ts");
  await Promise.all(country.map(async (units) => {
    const prov = units[0]!.code;
    await writeReference(t, prov, units, []);
    for (const period of periods) {
      const now = new Date().toISOString();
      const ents = units.filter((u) => u.parent === prov).map((u) => unitEntity(prov, period, {
        unit: u.code, version: 1, firstSubmittedAt: now, lastSubmittedAt: now, lastSubmissionId: `seed-${period}`, lastUser: "seed", stamps: {},
        values: Object.fromEntries(units.filter((x) => x.parent === u.code).map((x) => [x.code, valuesOf(x, period)])),
      }));
      await t.submitTransaction(ents.map((e): TransactionAction => ["upsert", e, "Replace"]));
      await t.upsertEntity({ partitionKey: pk.period(prov, period), rowKey: "META", province: prov, period, hasData: true }, "Merge");
    }
  }));
}
