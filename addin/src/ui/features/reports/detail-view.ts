import type { SessionPort } from "../../shell/ports.ts";
import { action } from "../../controls.ts";
import { field, h, liveValue, select } from "../../dom.ts";

/** What "Xem chi tiết" reads and does. */
export interface DetailPort extends SessionPort {
  readonly detailUnits: { province: string; period: string; units: { code: string; name: string; depth: number }[] } | null;
  detailPick: string;
  showDetail(unit: string, where?: { province: string; period: string }): Promise<void>;
  showSelectedDetail(): Promise<void>;
}

/**
 * "Xem chi tiết" under the rollup: a unit of the period just fetched, by name (the units below
 * a unit shown are indented under it), or the unit of the row selected on the rollup sheet or a
 * detail sheet, written into its own detail sheet.
 */
export function renderDetailPicker(app: DetailPort): HTMLElement {
  const offer = app.detailUnits;
  const busy = !!app.busy || !app.auth.account;
  const fromSelection = action({ id: "d-selected", disabled: busy, onclick: () => void app.showSelectedDetail() }, app.t("detail.showSelected"));
  if (!offer || !offer.units.length) {
    return h("section", { class: "detail" }, h("h2", {}, app.t("detail.title")), h("p", { class: "hint" }, app.t("detail.hint")), h("div", { class: "actions" }, fromSelection));
  }
  // Option text is not indented by spaces (HTML collapses them): non-breaking ones keep the tree visible.
  const options = offer.units.map((u) => ({ value: u.code, label: `${"\u00a0\u00a0\u00a0".repeat(u.depth)}${u.name}` }));
  const unit = select(options, app.detailPick || offer.units[0]!.code, (v) => { app.detailPick = v; });
  return h("section", { class: "detail" },
    h("h2", {}, app.t("detail.title")),
    field("d-unit", app.t("detail.unit"), unit, app.t("detail.help")),
    h("div", { class: "actions" },
      action({ id: "d-show", disabled: busy, onclick: () => void app.showDetail(liveValue("d-unit")) }, app.t("detail.show")), fromSelection),
  );
}
