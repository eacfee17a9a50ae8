import { a1 } from "../parse/text.ts";
import type { SheetRead } from "../workbook/read.ts";
import type { Conflict, SubmissionRequest } from "./submissions.ts";

/** Where a submission goes: a reporting unit of a province (district or commune), for a period. */
export interface SubmissionScope { province: string; unit: string; period: string }

/**
 * The wire form of what was read: one entry per recognised commune, its numbers by indicator
 * code. The server re-validates and re-parses everything; this only carries the values.
 */
export function buildSubmission(read: SheetRead, scope: SubmissionScope, opts: { baseVersion: number | null; catalogVersion: string; workbook: string }): Omit<SubmissionRequest, "source"> & { source: Omit<SubmissionRequest["source"], "fingerprint"> } {
  const units: SubmissionRequest["units"] = [];
  read.table.rows.forEach((row, i) => {
    if (row.isTotal || !row.unitId) return;
    const values: Record<string, number> = {};
    for (const [code, arr] of read.table.values) {
      const v = arr[i]!;
      if (Number.isFinite(v)) values[code] = v;
    }
    units.push({ unit: row.unitId, values });
  });
  return {
    province: scope.province, unit: scope.unit, period: scope.period, catalogVersion: opts.catalogVersion,
    baseVersion: opts.baseVersion, mode: "merge", units,
    source: { workbook: opts.workbook.slice(-260), sheet: read.sheet.slice(0, 100) },
  };
}

/** A short content hash, so the server's history can tell two submissions of the same data apart from different data. */
export async function fingerprint(units: SubmissionRequest["units"]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(units));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export type Choice = "mine" | "theirs";

/**
 * The resubmission after a 409: based on the current version, with the server's value wherever
 * the clerk chose "theirs" (so that value is left as it is) and the clerk's elsewhere.
 */
export function resolveConflicts(request: SubmissionRequest, conflicts: readonly Conflict[], choices: readonly Choice[], currentVersion: number): SubmissionRequest {
  const units = request.units.map((u) => ({ unit: u.unit, values: { ...u.values } }));
  conflicts.forEach((c, i) => {
    if (choices[i] !== "theirs") return;
    const u = units.find((x) => x.unit === c.unit);
    if (!u) return;
    if (c.theirs === null) delete u.values[c.indicator];
    else u.values[c.indicator] = c.theirs;
  });
  return { ...request, baseVersion: currentVersion, units };
}

/**
 * Where the server's values the clerk chose in a conflict go in the sheet: the cell of each
 * (unit, indicator) chosen "theirs", with the value to put there (null: the cell is emptied). So
 * the sheet says what is now stored, and the next check and send start from it instead of
 * overwriting the colleague's value. A conflict the sheet has no cell for is left out.
 */
export function chosenCells(read: SheetRead, conflicts: readonly Conflict[], choices: readonly Choice[]): { address: string; value: number | string | null }[] {
  const out: { address: string; value: number | string | null }[] = [];
  const { table } = read;
  conflicts.forEach((c, i) => {
    if (choices[i] !== "theirs") return;
    const row = table.rows.findIndex((r) => !r.isTotal && r.unitId === c.unit);
    if (row < 0) return;
    const r = table.rows[row]!;
    const col = table.columns.get(c.indicator);
    const address = table.cellOf ? table.cellOf(row, c.indicator) : col !== undefined && r.sheetRow ? a1(col, r.sheetRow) : null;
    if (address) out.push({ address, value: c.theirs });
  });
  return out;
}
