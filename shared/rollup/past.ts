import type { ReconstructedRollup, ReconstructedUnit, RollupResponse, UnitRollup } from "../contract/rollups.ts";
import { NO_APPROVAL } from "../contract/rollups.ts";
import type { Lang } from "../model.ts";
import { periodInSentence } from "../report/period-words.ts";

/** How an earlier unit is named in text: an earlier province as "tỉnh Đắk Nông (cũ)", else its registry name. */
export function earlierName(r: Pick<ReconstructedRollup, "names" | "former">, code: string, lang: Lang): string {
  return r.former?.[code]?.[lang] ?? r.names?.[code] ?? code;
}

const cap = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

/**
 * What a rebuilt province total rests on, in one sentence for every output to print beside the
 * figures: the period in today's units, from whose figures, and whose are missing (so that a
 * total rebuilt from one of three predecessors is never read as the province's).
 */
export function reconstructionNote(r: ReconstructedRollup, lang: Lang): string {
  const list = (codes: readonly string[]) => codes.map((c) => earlierName(r, c, lang)).join(", ");
  const when = periodInSentence(r.period, lang), units = periodInSentence(r.inUnitsOf, lang);
  const t = r.totals;
  const approximate = t.approximate.length > 0 || r.units.some((u) => u.approximate.length > 0);
  if (lang === "vi") {
    const parts = [t.from.length
      ? `${cap(`số liệu ${when}`)} được tính lại theo đơn vị hành chính ${units} từ số liệu của ${list(t.from)}`
      : `${cap(when)} chưa có số liệu để tính lại theo đơn vị hành chính ${units}`];
    if (t.missing.length && t.from.length) parts.push(`thiếu số liệu của ${list(t.missing)}, nên số liệu toàn tỉnh chưa đầy đủ`);
    if (approximate) parts.push("một số số liệu gần đúng (*) vì có đơn vị cũ được chia cho nhiều đơn vị mới");
    return `${parts.join("; ")}.`;
  }
  const parts = [t.from.length
    ? `Figures for ${when} rebuilt in the units of ${units} from those of ${list(t.from)}`
    : `No figures for ${when} to rebuild in the units of ${units}`];
  if (t.missing.length && t.from.length) parts.push(`no figures for ${list(t.missing)}, so the province total is incomplete`);
  if (approximate) parts.push("some figures are approximate (*): a former unit split between new ones counts in full in each");
  return `${parts.join("; ")}.`;
}

/**
 * The rollup of a period before the province existed, in the shape of its own rollups, from
 * the reconstruction in today's units: every row says it was rebuilt (status "reconstructed",
 * nothing was due from anyone), the totals are the rebuilt province total, and `reconstructed`
 * carries what it rests on and the sentence saying so. Targets are the province's own periods'
 * and are not applied to its predecessors' figures.
 */
export function pastRollup(r: ReconstructedRollup, catalogVersion: string): RollupResponse {
  const has = (u: ReconstructedUnit) => Object.keys(u.values).length > 0;
  const row = (u: ReconstructedUnit): UnitRollup => ({
    unit: u.unit, level: u.level, district: u.unit, name: u.name, submitted: has(u), version: 0,
    firstSubmittedAt: null, lastSubmittedAt: null, status: "reconstructed", daysLate: 0, dueAt: "",
    communesExpected: u.level === "commune" ? 1 : 0, communesReported: u.level === "commune" && has(u) ? 1 : 0,
    values: u.values, approval: NO_APPROVAL,
    reconstructed: { from: u.from, missing: u.missing, split: u.split, approximate: u.approximate },
  });
  const rows = r.units.map(row);
  // A province's reporting units are of one tier: communes, or the tier above them before July 2025.
  const count = (commune: boolean | null, reported: boolean) => rows.filter((d) => (commune === null || (d.level === "commune") === commune) && (!reported || d.submitted)).length;
  const codes = new Set([...r.totals.from, ...r.totals.missing, ...r.units.flatMap((u) => [...u.from, ...u.missing, ...u.split])]);
  return {
    province: r.province, name: r.name, period: r.period, catalogVersion, computedAt: r.computedAt, dueAt: "", locked: false,
    completeness: {
      unitsExpected: count(null, false), unitsReported: count(null, true),
      districtsExpected: count(false, false), districtsReported: count(false, true),
      communesExpected: count(true, false), communesReported: count(true, true),
    },
    totals: r.totals.values, districts: rows, targets: [],
    reconstructed: {
      inUnitsOf: r.inUnitsOf, from: r.totals.from, missing: r.totals.missing,
      approximate: r.totals.approximate.length > 0 || r.units.some((u) => u.approximate.length > 0),
      names: Object.fromEntries([...codes].map((c) => [c, r.names?.[c] ?? c])),
      note: { vi: reconstructionNote(r, "vi"), en: reconstructionNote(r, "en") },
    },
  };
}
