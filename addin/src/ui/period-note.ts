import { periodOf, toPeriod } from "../../../shared/index.ts";
import type { SessionPort } from "./shell/ports.ts";
import { h } from "./dom.ts";

/** A period in the clerk's words ("tháng 6 năm 2012", "quý II năm 2024"), never its code; "" for none. */
export function periodWords(app: Pick<SessionPort, "lang">, code: string | null | undefined, start = false): string {
  if (!code || !toPeriod(code)) return code ?? "";
  const p = periodOf(code);
  return start ? p.words[app.lang] : p.inSentence[app.lang];
}

/** What the period field and the Gửi tab need to compare the typed period with the sheet's. */
export interface PeriodNotePort extends SessionPort {
  readonly sheetPeriod: string | null;
}

/**
 * One block naming both periods when the one typed in "Kỳ báo cáo" is not the one the sheet's
 * title names: the figures go out under the typed one, so the clerk sees it before sending.
 */
export function periodMismatch(app: PeriodNotePort, id: string): HTMLElement | null {
  const typed = app.scope.period, sheet = app.sheetPeriod;
  if (!typed || !sheet || typed === sheet) return null;
  return h("div", { class: "period-mismatch warning", id, role: "alert" },
    app.t("period.mismatch", { typed: periodWords(app, typed), sheet: periodWords(app, sheet) }));
}
