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
