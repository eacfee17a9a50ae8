// The subject a header names ("Xếp loại chi bộ": the cells; "Hội Cựu chiến binh": one mass
// organisation) and how an indicator's subject fits it, for the mapping's weighing.
import { GRADING_WORDS, SUBJECTS } from "../catalog/subjects.ts";

const TERMS = SUBJECTS.flatMap((s) => s.terms.map((t) => ({ words: t.split(" "), id: s.id })))
  .sort((a, b) => b.words.length - a.words.length);
const DROP = [...TERMS.map((t) => t.words), ...GRADING_WORDS.map((w) => w.split(" "))].sort((a, b) => b.length - a.length);
const WITHIN = new Map(SUBJECTS.filter((s) => s.within).map((s) => [s.id, s.within!] as const));
const PREFIXES = SUBJECTS.flatMap((s) => s.codes.map((p) => ({ p, id: s.id }))).sort((a, b) => b.p.length - a.p.length);

function at(words: readonly string[], i: number, term: readonly string[]): boolean {
  if (i + term.length > words.length) return false;
  for (let k = 0; k < term.length; k++) if (words[i + k] !== term[k]) return false;
  return true;
}

/** Subjects a folded, expanded text names; the longest term wins where terms overlap. */
export function subjectsIn(folded: string): Set<string> {
  const words = folded.split(" ").filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i < words.length;) {
    const hit = TERMS.find((t) => at(words, i, t.words));
    if (hit) { out.add(hit.id); i += hit.words.length; } else i++;
  }
  // "MTTQ và các đoàn thể": the collective is named, and the Front beside it is one of them.
  for (const id of [...out]) { const w = WITHIN.get(id); if (w && out.has(w)) out.delete(id); }
  return out;
}

/** A folded text without its subject's words and grading words: "chi bo dat trong sach vung manh" → "trong sach vung manh". */
export function withoutSubject(folded: string): string {
  const words = folded.split(" ").filter(Boolean);
  const kept: string[] = [];
  for (let i = 0; i < words.length;) {
    const hit = DROP.find((t) => at(words, i, t));
    if (hit) i += hit.length; else kept.push(words[i++]!);
  }
  return kept.join(" ");
}

/** The subject an indicator is about, by its code (the longest prefix); undefined for the rest. */
export function subjectOfCode(code: string): string | undefined {
  return PREFIXES.find(({ p }) => code === p || code.startsWith(`${p}.`))?.id;
}

/**
 * How an indicator's subject fits the subjects a header names: the same, one organisation under a
 * collective header ("near"), another subject ("conflict"), or nothing to say ("neutral").
 */
export function subjectFit(header: ReadonlySet<string>, subject: string | undefined): "match" | "near" | "conflict" | "neutral" {
  if (header.size === 0 || subject === undefined) return "neutral";
  if (header.has(subject)) return "match";
  const w = WITHIN.get(subject);
  return w && header.has(w) ? "near" : "conflict";
}
