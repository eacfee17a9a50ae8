import type { DetailPort } from "./detail-view.ts";
import { parsePeriodInput } from "../../../../../shared/index.ts";
import { action } from "../../controls.ts";
import { renderDetailPicker } from "./detail-view.ts";
import { field, h, liveValue, select } from "../../dom.ts";

/** What the Tổng hợp tab reads and does: the province's sheets, the draft and the drill-down. */
export interface ReportsPort extends DetailPort {
  rollupChoice: { province: string; period: string } | null;
  refreshRollup(province: string, period: string): Promise<void>;
  writeStatus(province: string, period: string): Promise<void>;
  writeScorecard(province: string, period: string): Promise<void>;
  writeDraft(province: string, period: string): Promise<void>;
  downloadDraft(province: string, period: string): Promise<void>;
}

export function renderRollup(app: ReportsPort): HTMLElement {
  // Provinces by name from the person's assignments; a code field only when there are none.
  const provinces = app.assignedProvinces();
  // What the person last asked for here stays in the fields (the pane re-renders after each action).
  const chosen = app.rollupChoice;
  const pick = chosen && provinces.some((p) => p.code === chosen.province) ? chosen.province : app.scope.province && provinces.some((p) => p.code === app.scope.province) ? app.scope.province : provinces[0]?.code;
  const province = provinces.length
    ? select(provinces.map((p) => ({ value: p.code, label: p.name })), pick!, () => undefined)
    : h("input", { type: "text", value: chosen?.province ?? app.scope.province ?? "", autocomplete: "off" }) as HTMLInputElement;
  const period = h("input", { type: "text", value: chosen?.period ?? app.scope.period ?? "", placeholder: "6/2024", autocomplete: "off" }) as HTMLInputElement;
  return h("section", { class: "rollup" },
    app.auth.account ? null : h("p", {}, app.t("rollup.needSignIn")),
    h("div", { class: "row" }, field("r-province", app.t("rollup.province"), province), field("r-period", app.t("rollup.period"), period, app.t("validate.periodHint"))),
    h("div", { class: "actions" },
      action({ id: "r-fetch", primary: true, disabled: !!app.busy || !app.auth.account, onclick: () => withPeriod(app, (p, q) => app.refreshRollup(p, q)) }, app.t("rollup.fetch")),
      action({ id: "r-report", disabled: !!app.busy || !app.auth.account, onclick: () => withPeriod(app, (p, q) => app.writeDraft(p, q)) }, app.t("report.write")),
      action({ id: "r-docx", disabled: !!app.busy || !app.auth.account, onclick: () => withPeriod(app, (p, q) => app.downloadDraft(p, q)) }, app.t("report.docx"))),
    // Reporting status and data quality are the province's own views (the routes answer its staff only).
    app.isProvinceStaff() ? h("div", { class: "actions" },
      action({ id: "r-status", disabled: !!app.busy, onclick: () => withPeriod(app, (p, q) => app.writeStatus(p, q)) }, app.t("status.write")),
      action({ id: "r-scorecard", disabled: !!app.busy, onclick: () => withPeriod(app, (p, q) => app.writeScorecard(p, q)) }, app.t("scorecard.write"))) : null,
    renderDetailPicker(app),
  );
}

/** The province and period as typed, or a plain message when the period is not one. */
function withPeriod(app: ReportsPort, go: (province: string, period: string) => Promise<void>): void {
  const typed = liveValue("r-period").trim();
  const code = parsePeriodInput(typed);
  if (!code) { app.notice = { kind: "error", text: typed ? app.t("validate.periodInvalid", { text: typed }) : app.t("validate.periodMissing") }; app.render(); return; }
  const province = liveValue("r-province").trim().toUpperCase();
  app.rollupChoice = { province, period: code };
  void go(province, code);
}
