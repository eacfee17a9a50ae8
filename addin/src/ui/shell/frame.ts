// The pane's frame around the open tab: title and who is signed in, the first-run intro, the
// tab list (arrow keys move between tabs), the progress line and the notice. Drawn again after
// each change; focus is kept by element id so the keyboard order stays stable.
import type { MeResponse } from "../../../../shared/contract/index.ts";
import type { Auth } from "../../auth.ts";
import type { StringKey } from "../../i18n.ts";
import type { Prefs } from "../../prefs.ts";
import { h, patch } from "../dom.ts";
import { renderIntro, type IntroPort } from "./intro-view.ts";
import { fitTabs, overflowed, renderMore } from "./tab-overflow.ts";

export type Tab = "validate" | "submit" | "rollup" | "approve" | "mappings" | "people" | "settings";

/**
 * The Duyệt, Ánh xạ cột and Người dùng tabs are for province staff only: a clerk's pane keeps its
 * four. An operator holds no province's data, only its people: Người dùng without Duyệt.
 */
export function tabsFor(provinceStaff: boolean, operator = false): Tab[] {
  if (provinceStaff) return ["validate", "submit", "rollup", "approve", "mappings", "people", "settings"];
  return operator ? ["validate", "submit", "rollup", "people", "settings"] : ["validate", "submit", "rollup", "settings"];
}

export interface FramePort extends IntroPort {
  tab: Tab;
  readonly auth: Pick<Auth, "account">;
  readonly me: MeResponse | null;
  readonly prefs: Prefs;
  readonly deps: { readonly root: HTMLElement };
  isProvinceStaff(): boolean;
  isOperator(): boolean;
  /** A tab picked by click: what it shows fresh. */
  opened(tab: Tab): void;
}

export function drawFrame(app: FramePort, body: Node): void {
  const focused = document.activeElement?.id;
  const tabs = tabsFor(app.isProvinceStaff(), app.isOperator());
  const hidden = overflowed<Tab>();
  const view = h("div", { class: "pane", lang: app.lang },
    h("header", {}, h("h1", {}, app.t("app.title")), app.auth.account ? h("span", { class: "who", title: app.auth.account.user }, app.me?.displayName || app.auth.account.name) : null),
    app.prefs.seenIntro ? null : renderIntro(app),
    h("div", { class: "tabbar" },
      h("nav", { role: "tablist", "aria-label": app.t("app.title") }, tabs.map((tab) => h("button", {
        role: "tab", id: `tab-${tab}`, "aria-selected": String(app.tab === tab), "aria-controls": "panel", tabindex: app.tab === tab ? 0 : -1,
        hidden: hidden.includes(tab),
        onclick: () => openTab(app, tab),
        onkeydown: (e: Event) => tabKeys(app, e as KeyboardEvent, tabs.filter((t) => t === app.tab || !hidden.includes(t))),
      }, app.t(`tab.${tab}` as StringKey)))),
      renderMore<Tab>({ tab: app.tab, openTab: (tab) => openTab(app, tab), label: (tab) => app.t(`tab.${tab}` as StringKey), moreLabel: app.t("tab.more") })),
    h("div", { class: "status", role: "status", "aria-live": "polite" },
      app.busy ? h("div", { class: "busy" }, h("progress", { "aria-label": app.busy }), h("span", {}, app.busy)) : null,
      app.notice ? h("div", { class: `notice ${app.notice.kind}`, role: app.notice.kind === "error" ? "alert" : null }, app.notice.text,
        app.notice.details?.length ? h("ul", {}, app.notice.details.map((d) => h("li", {}, d))) : null) : null),
    h("main", { id: "panel", role: "tabpanel", "aria-labelledby": `tab-${app.tab}`, "aria-busy": String(!!app.busy) }, body),
  );
  const live = app.deps.root.firstElementChild;
  if (live && live.nodeName === view.nodeName) patch(live, view);
  else app.deps.root.replaceChildren(view);
  const bar = app.deps.root.querySelector<HTMLElement>(".tabbar");
  if (bar) fitTabs(bar, app.tab);
  keepFocus(focused);
}

function openTab(app: FramePort, tab: Tab): void {
  app.tab = tab;
  app.notice = null;
  app.render();
  app.opened(tab);
}

/**
 * The ARIA tabs pattern over the tabs in view: arrows move to the next or previous tab (wrapping),
 * Home and End to the first and last; each opens its tab. The overflowed ones are in "Thêm".
 */
function tabKeys(app: FramePort, e: KeyboardEvent, tabs: Tab[]): void {
  const i = tabs.indexOf(app.tab);
  const to = e.key === "ArrowRight" ? (i + 1) % tabs.length : e.key === "ArrowLeft" ? (i + tabs.length - 1) % tabs.length
    : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : null;
  if (to === null) return;
  e.preventDefault();
  app.tab = tabs[to]!;
  app.notice = null;
  app.render();
  app.opened(app.tab);
  const el = document.getElementById(`tab-${app.tab}`);
  el?.focus();
  el?.scrollIntoView({ block: "nearest", inline: "nearest" });
}

/**
 * Where the keyboard was before a render took it away: a button disabled while its operation runs
 * (Enter on Kiểm tra) drops the focus to the page. It goes back once the element can take it.
 */
let lostFocus: string | null = null;

function keepFocus(before: string | undefined): void {
  const active = document.activeElement;
  // The focus is somewhere real (where it was, or where the clerk moved it): it stays there.
  if (active && active !== document.body) { lostFocus = null; return; }
  const want = before || lostFocus;
  if (!want) return;
  const el = document.getElementById(want);
  el?.focus();
  lostFocus = el && document.activeElement === el ? null : want;
}
