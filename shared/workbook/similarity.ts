// How alike a header and a name are, word by word, after folding and expanding abbreviations.
import { foldExpand } from "../parse/text.ts";

export const STOP = new Set(["nguoi", "don", "vi", "tinh", "dvt", "chi", "tieu", "so", "luong", "cua", "cac", "va", "trong", "do", "o", "tai"]);

export interface Phrase { tokens: string[]; set: Set<string> }

/** Stop words ("số", "người", "đơn vị tính") are dropped, since clerks add them freely. */
export function phrase(text: string, abbreviations: Record<string, string>): Phrase {
  return phraseOfFolded(foldExpand(text, abbreviations));
}

/** The same, from a text already folded and expanded. */
export function phraseOfFolded(folded: string): Phrase {
  const tokens = folded.split(" ").filter((t) => t && !STOP.has(t));
  return { tokens, set: new Set(tokens) };
}

/**
 * Similarity of a header to an alias: exact, the alias contained in the header (scored by how
 * much of the header it covers), or token overlap (Dice).
 */
export function similarity(h: Phrase, a: Phrase): number {
  if (a.tokens.length === 0 || h.tokens.length === 0) return 0;
  let common = 0;
  for (const t of a.set) if (h.set.has(t)) common++;
  if (common === a.set.size && common === h.set.size) return 1;
  // One shared word is chance ("cột lạ" vs "cốt cán"), not a match.
  const dice = common >= 2 ? (2 * common) / (a.set.size + h.set.size) : 0;
  const contained = common === a.set.size ? 0.55 + 0.45 * (a.set.size / h.set.size) : 0;
  return Math.max(dice, contained);
}

export function best(h: Phrase, list: readonly Phrase[]): number {
  let b = 0;
  for (const p of list) b = Math.max(b, similarity(h, p));
  return b;
}
