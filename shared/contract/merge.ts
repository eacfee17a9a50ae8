import type { Conflict, ImportSummary, SubmissionMode, ValueChange } from "./submissions.ts";

/**
 * Three-way merge of a reporting unit's submission into its stored values. Pure, so that the add-in
 * can preview a merge and the server can replay history with the very same rules.
 *
 * A value written after the submission's base is contested: if the clerk sent what the base held,
 * the clerk did not touch it and the newer value stays; if the value now equals the base's, no one
 * else's change is in the way and the clerk's applies; otherwise it is a conflict. Values are
 * compared by `same` (by meaning, with sameCellValue), not by how or when they were written.
 */
export type Cell = number | string | null;
/** unit code → indicator code → value. Cleared values are absent, never null. */
export type ValuesByUnit = Record<string, Record<string, number | string>>;
/** unit code → indicator code → the unit's version that last wrote (or cleared) the value. */
export type Stamps = Record<string, Record<string, number>>;

export interface MergeInput {
  mode: SubmissionMode;
  baseVersion: number;
  units: readonly { unit: string; values: Readonly<Record<string, Cell>> }[];
  /** Equality of two values of an indicator (sameCellValue compares what they mean); identity by default. */
  same?: (indicator: string, a: Cell, b: Cell) => boolean;
}

const identical = (_k: string, a: Cell, b: Cell) => a === b;

export interface MergeResult {
  values: ValuesByUnit;
  stamps: Stamps;
  changes: ValueChange[];
  summary: ImportSummary;
  conflicts: Conflict[];
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const get = (v: ValuesByUnit, u: string, k: string): Cell => (own(v, u) && own(v[u]!, k) ? v[u]![k]! : null);
const stampOf = (s: Stamps, u: string, k: string): number => (own(s, u) && own(s[u]!, k) ? s[u]![k]! : 0);

/** Every (unit, indicator) the submission writes, with what it writes; replace mode clears the rest. */
function intents(current: ValuesByUnit, input: MergeInput): [string, string, Cell][] {
  const out: [string, string, Cell][] = [];
  for (const { unit, values } of input.units) for (const k of Object.keys(values)) out.push([unit, k, values[k] ?? null]);
  if (input.mode === "replace") {
    // What was sent, per unit: only replace mode needs it (to clear the rest), so merge mode,
    // the add-in's default, builds no key per cell.
    const sent = new Map<string, Readonly<Record<string, Cell>>[]>();
    for (const { unit, values } of input.units) { const l = sent.get(unit); if (l) l.push(values); else sent.set(unit, [values]); }
    for (const u of Object.keys(current)) {
      const mine = sent.get(u);
      for (const k of Object.keys(current[u]!)) if (!mine?.some((v) => own(v, k))) out.push([u, k, null]);
    }
  }
  return out;
}

/** Cells whose base value the merge needs: the clerk changes them and someone else did too since the base. */
export function contestedCells(current: ValuesByUnit, stamps: Stamps, input: MergeInput): { unit: string; indicator: string }[] {
  const same = input.same ?? identical;
  return intents(current, input)
    // The stamp first: a cell nobody wrote since the base is never contested, and comparing by meaning costs more.
    .filter(([u, k, mine]) => stampOf(stamps, u, k) > input.baseVersion && !same(k, mine, get(current, u, k)))
    .map(([unit, indicator]) => ({ unit, indicator }));
}

export function mergeSubmission(
  current: ValuesByUnit,
  stamps: Stamps,
  input: MergeInput,
  nextVersion: number,
  /** The value at the base version, for contested cells (see contestedCells). */
  baseOf: (unit: string, indicator: string) => Cell,
): MergeResult {
  const values: ValuesByUnit = {};
  for (const u of Object.keys(current)) values[u] = { ...current[u]! };
  const nextStamps: Stamps = {};
  for (const u of Object.keys(stamps)) nextStamps[u] = { ...stamps[u]! };
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  const changes: ValueChange[] = [];
  const conflicts: Conflict[] = [];

  const same = input.same ?? identical;
  for (const [u, k, mine] of intents(current, input)) {
    const theirs = get(current, u, k);
    if (same(k, mine, theirs)) { summary.unchanged++; continue; }
    if (stampOf(stamps, u, k) > input.baseVersion) {
      const base = baseOf(u, k);
      if (same(k, mine, base)) { summary.unchanged++; continue; }
      // Written since the base but back to the base's value: nobody else's change stands in the way.
      if (!same(k, theirs, base)) {
        conflicts.push({ unit: u, indicator: k, base, mine, theirs });
        continue;
      }
    }
    if (mine === null) {
      delete values[u]![k];
      if (Object.keys(values[u]!).length === 0) delete values[u];
      summary.deleted++;
    } else {
      if (!own(values, u)) values[u] = {};
      values[u]![k] = mine;
      if (theirs === null) summary.created++; else summary.updated++;
    }
    if (!own(nextStamps, u)) nextStamps[u] = {};
    nextStamps[u]![k] = nextVersion;
    changes.push({ unit: u, indicator: k, old: theirs, new: mine });
  }
  return { values, stamps: nextStamps, changes, summary, conflicts };
}

/**
 * The value a cell held at `version`, from history entries newest first: the `old` side of the
 * earliest change after that version, or the current value when nothing changed it since.
 */
export function valueAt(current: Cell, newestFirst: readonly { version: number; changes: readonly ValueChange[] }[], unit: string, indicator: string, version: number): Cell {
  let v = current;
  for (const entry of newestFirst) {
    if (entry.version <= version) break;
    for (const c of entry.changes) if (c.unit === unit && c.indicator === indicator) v = c.old;
  }
  return v;
}
