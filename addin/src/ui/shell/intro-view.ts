import type { Prefs } from "../../prefs.ts";
import type { PanePort } from "./ports.ts";
import { h } from "../dom.ts";
import { action } from "../controls.ts";

/** The first-run note: dismissing it is a preference. */
export interface IntroPort extends PanePort {
  setPrefs(next: Partial<Prefs>): void;
}

/** What the pane is for, shown once: three steps and a way past it, remembered per person. */
export function renderIntro(app: IntroPort): HTMLElement {
  const done = () => { app.setPrefs({ seenIntro: true }); app.render(); document.getElementById("tab-validate")?.focus(); };
  return h("section", { class: "intro", id: "intro", "aria-labelledby": "intro-title" },
    h("h2", { id: "intro-title" }, app.t("intro.title")),
    h("ol", {}, h("li", {}, app.t("intro.step1")), h("li", {}, app.t("intro.step2")), h("li", {}, app.t("intro.step3"))),
    h("p", { class: "hint" }, app.t("intro.values")),
    h("div", { class: "actions" },
      action({ id: "intro-ok", primary: true, onclick: done }, app.t("intro.ok")),
      action({ id: "intro-skip", onclick: done }, app.t("intro.skip"))),
  );
}
