import type { Lang } from "../model.ts";
import type { UnitRollup } from "../contract/rollups.ts";
import type { ApprovalState } from "../contract/approvals.ts";
import { levelLabel } from "../registry/levels.ts";

const DAY = 86_400_000;

/** Whole days after the due date, counting a part day as a day (submitted 1 h late = 1 day). */
export function daysLate(submittedAt: string, dueAt: string): number {
  return Math.max(1, Math.ceil((Date.parse(submittedAt) - Date.parse(dueAt)) / DAY));
}

/** A unit's reporting status as people say it: "Đã gửi đúng hạn", "Gửi muộn 3 ngày", "Chưa gửi". */
export function statusInWords(d: Pick<UnitRollup, "status" | "firstSubmittedAt"> & { daysLate?: number; dueAt?: string }, dueAt: string, lang: Lang): string {
  const vi = lang === "vi";
  switch (d.status) {
    case "on_time": return vi ? "Đã gửi đúng hạn" : "Submitted on time";
    case "late": {
      // The server's count against the unit's own deadline when it gives one.
      const n = d.daysLate && d.daysLate > 0 ? d.daysLate : d.firstSubmittedAt ? daysLate(d.firstSubmittedAt, d.dueAt ?? dueAt) : 1;
      return vi ? `Gửi muộn ${n} ngày` : `Submitted ${n} day${n === 1 ? "" : "s"} late`;
    }
    case "missing": return vi ? "Chưa gửi" : "Not yet submitted";
    case "overdue": return vi ? "Quá hạn, chưa gửi" : "Overdue, not submitted";
    // Nothing was due: the unit did not exist then, its figures are its predecessors'.
    case "reconstructed": return vi ? "Tính lại từ đơn vị cũ" : "Rebuilt from the former units";
  }
}

const APPROVAL_WORDS: Record<Lang, Record<Exclude<ApprovalState, "none">, string>> = {
  vi: { complete: "Hoàn thành", approved: "Đã duyệt", returned: "Trả lại", reopened: "Mở lại" },
  en: { complete: "Complete", approved: "Approved", returned: "Returned", reopened: "Reopened" },
};

/** The approval state as the sheets say it ("Đã duyệt", "Trả lại", …); nothing for none. */
export function approvalInWords(state: ApprovalState | undefined, lang: Lang): string {
  return !state || state === "none" ? "" : APPROVAL_WORDS[lang][state];
}

/**
 * The unit's status cell: receipt, then where its data stands ("Đã gửi đúng hạn · Trả lại"), so
 * that a returned unit never reads as simply "submitted on time" on a sheet.
 */
export function statusWithApproval(d: Pick<UnitRollup, "status" | "firstSubmittedAt"> & { daysLate?: number; dueAt?: string; submitted?: boolean; approval?: { state: ApprovalState } }, dueAt: string, lang: Lang): string {
  const a = approvalInWords(d.approval?.state, lang);
  const s = d.status === "reconstructed" && d.submitted === false ? (lang === "vi" ? "Không có số liệu để tính lại" : "No figures to rebuild from") : statusInWords(d, dueAt, lang);
  return a ? `${s} · ${a}` : s;
}

/** "20/12/2015 15:00" in Vietnam's time (UTC+7, no daylight saving), as people read times there. */
export function vietnamTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

/** The last day one may report on, "20/12/2015": the day before the deadline's first instant, in Vietnam. */
export function deadlineDay(dueAt: string): string {
  return vietnamTime(new Date(Date.parse(dueAt) - 1).toISOString()).slice(0, 10);
}

/**
 * The deadlines the period's units report against, as the sheets print them: one day when every
 * unit has the same ("16/12/2026"), else each day with its level ("16/12/2026 (Xã, phường, đặc
 * khu); 18/12/2026 (Huyện, …)"). Taken from each unit's own deadline (the reporting calendar's,
 * from the server), so that every "hạn nộp" on the rollup sheet is one of the status sheet's;
 * the province's own later deadline is not the units' and is not printed beside them. Empty when
 * the period has no units.
 */
export function unitDeadlines(units: readonly Pick<UnitRollup, "dueAt" | "level">[], lang: Lang): string {
  const byDay = new Map<string, Set<string>>();
  for (const u of units) {
    // A row rebuilt from predecessors had no deadline.
    if (!u.dueAt) continue;
    const day = deadlineDay(u.dueAt);
    byDay.set(day, (byDay.get(day) ?? new Set()).add(u.level));
  }
  const days = [...byDay].sort(([a], [b]) => a.split("/").reverse().join("").localeCompare(b.split("/").reverse().join("")));
  if (days.length <= 1) return days[0]?.[0] ?? "";
  return days.map(([day, levels]) => `${day} (${[...levels].map((l) => levelLabel(l, lang)).join(", ")})`).join("; ");
}
