import type { OrgUnit } from "../shared/index.ts";

/**
 * A generated country for the store benchmarks: 63 provinces, 700 districts spread evenly, 10,000
 * communes spread evenly, every unit labelled as a sample. One module so bench/functions.ts and
 * bench/scorecard.ts measure the same tree.
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
