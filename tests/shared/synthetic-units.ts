import type { OrgUnit } from "../../shared/index.ts";

export const sample = (u: Omit<OrgUnit, "sample" | "aliases">): OrgUnit => ({ ...u, sample: true, aliases: [] });

/** Since July 2025: communes straight under the province, party cells under every other commune. */
export function twoTier(code: string, communes: number, cells: number): OrgUnit[] {
  const out = [sample({ code, name: `Tỉnh mẫu ${code}`, level: "province", type: "tinh", parent: null })];
  for (let m = 1; m <= communes; m++) {
    const cc = `${code}-M${m}`;
    out.push(sample({ code: cc, name: `Xã mẫu ${m}`, level: "commune", type: "xa", parent: code }));
    for (let q = 1; q <= (m % 2 ? cells : 0); q++) out.push(sample({ code: `${cc}-C${q}`, name: `Chi bộ mẫu ${q}`, level: "cell", type: "chi_bo", parent: cc }));
  }
  return out;
}
