import type { App } from "./app.ts";
import { parsePeriodInput } from "../../../shared/index.ts";
import { field, h, liveValue } from "./dom.ts";

export function renderRollup(app: App): HTMLElement {
  const province = h("input", { type: "text", value: app.scope.province ?? "", autocomplete: "off" }) as HTMLInputElement;
  const period = h("input", { type: "text", value: app.scope.period ?? "", placeholder: "6/2024", autocomplete: "off" }) as HTMLInputElement;
  return h("section", { class: "rollup" },
    app.auth.account ? null : h("p", {}, app.t("rollup.needSignIn")),
    h("div", { class: "row" }, field("r-province", app.t("rollup.province"), province), field("r-period", app.t("rollup.period"), period, app.t("validate.periodHint"))),
    h("div", { class: "actions" }, h("button", {
      id: "r-fetch", class: "primary", disabled: !!app.busy || !app.auth.account,
      onclick: () => {
        const typed = liveValue("r-period").trim();
        const code = parsePeriodInput(typed);
        if (!code) { app.notice = { kind: "error", text: app.t("validate.periodInvalid", { text: typed }) }; app.render(); return; }
        void app.refreshRollup(liveValue("r-province").trim().toUpperCase(), code);
      },
    }, app.t("rollup.fetch"))),
  );
}
