/**
 * What kind of unit a row's name says it is, for units no public list has (party cells,
 * villages, residential groups): only a name that begins with its type word is proposed, so a
 * misspelt commune is never sent as a new party cell. Written with or without tone marks.
 */
export type ProposableType = "chi_bo" | "thon" | "to_dan_pho";

const WORDS: readonly [RegExp, ProposableType][] = [
  [/^chi bo\b/, "chi_bo"],
  [/^(to dan pho|khu pho|to dp)\b/, "to_dan_pho"],
  [/^(thon|ban|ap|buon|lang|xom|khom|soc|plei)\b/, "thon"],
];

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();

export function proposableType(name: string): ProposableType | null {
  const f = fold(name);
  for (const [re, type] of WORDS) if (re.test(f)) return type;
  return null;
}

/**
 * The rows of a read sheet that name no unit of the registry, split into those that say what
 * they are (proposed to the province, once per name) and those that do not (listed, never
 * sent). `htct registry propose` and the pane's Kiểm tra tab both offer exactly these.
 */
export function proposableUnits(units: readonly { row: number; name: string; unitId: string | null; isTotal: boolean }[]): {
  units: { name: string; type: ProposableType }[];
  unclear: { row: number; name: string }[];
} {
  const names = new Map<string, { name: string; type: ProposableType }>();
  const unclear: { row: number; name: string }[] = [];
  for (const u of units) {
    if (u.isTotal || u.unitId || !u.name) continue;
    const name = u.name.trim().replace(/\s+/g, " ");
    const type = proposableType(name);
    if (type) names.set(name.toLocaleLowerCase("vi"), { name, type }); else unclear.push({ row: u.row, name });
  }
  return { units: [...names.values()], unclear };
}
