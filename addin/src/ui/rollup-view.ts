import type { App } from "./app.ts";
import { field, h } from "./dom.ts";

export function renderRollup(app: App): HTMLElement {
  const province = h("input", { type: "text", value: app.scope.province ?? "", autocomplete: "off" }) as HTMLInputElement;
  const period = h("input", { type: "text", value: app.scope.period ?? "", placeholder: "2024-06", autocomplete: "off" }) as HTMLInputElement;
  return h("section", { class: "rollup" },
    app.auth.account ? null : h("p", {}, app.t("rollup.needSignIn")),
    h("div", { class: "row" }, field("r-province", app.t("rollup.province"), province), field("r-period", app.t("rollup.period"), period, app.t("validate.periodHint"))),
    h("div", { class: "actions" }, h("button", {
      id: "r-fetch", class: "primary", disabled: !!app.busy || !app.auth.account,
      onclick: () => void app.refreshRollup(province.value.trim().toUpperCase(), period.value.trim()),
    }, app.t("rollup.fetch"))),
  );
}
