/** The set a member needs: to read or call it, and (where the remarks say so) to write it. */
export interface ApiSet { get: string; set?: string }

/**
 * A class's members from the generated table's lines (api-sets.ts): `"1.1 set 1.2": "a b"` says
 * a and b are read in ExcelApi 1.1 and written in 1.2.
 */
export function members(bySet: Record<string, string>): Record<string, ApiSet> {
  const out: Record<string, ApiSet> = {};
  for (const [key, names] of Object.entries(bySet)) {
    const [get, , set] = key.split(" ");
    for (const name of names.split(" ")) out[name] = set ? { get: get!, set } : { get: get! };
  }
  return out;
}
