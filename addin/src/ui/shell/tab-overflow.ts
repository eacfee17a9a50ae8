// The tab list's overflow, as Fluent 2's TabList does it: tabs that do not fit the pane's width
// are hidden from the end (never the selected one) and listed in a "Thêm" menu button after the
// list. Which tabs overflow is measured after each draw and when the pane is resized; the frame
// draws what the last measure found, so the patcher and the measure agree.
import { h } from "../dom.ts";

export interface OverflowPort<T extends string> {
  tab: T;
  /** Opens `tab` as a click on it would. */
  openTab(tab: T): void;
  label(tab: T): string;
  readonly moreLabel: string;
}

/** The tabs hidden by the last measure, and whether the menu is open. */
const state = { hidden: [] as string[], open: false };
const watched = new WeakSet<Element>();
let lastFit: (() => void) | null = null;

export function overflowed<T extends string>(): readonly T[] { return state.hidden as T[]; }

/** The "Thêm" button and, when open, its menu of the hidden tabs: drawn beside the tab list. */
export function renderMore<T extends string>(port: OverflowPort<T>): HTMLElement[] {
  const hidden = overflowed<T>();
  const close = (focusButton: boolean) => {
    state.open = false;
    document.getElementById("tab-menu")?.remove();
    const b = document.getElementById("tab-more");
    b?.setAttribute("aria-expanded", "false");
    if (focusButton) b?.focus();
  };
  const items = () => [...document.querySelectorAll<HTMLElement>("#tab-menu [role=menuitem]")];
  const openMenu = (focus: "first" | "last") => {
    state.open = true;
    const button = document.getElementById("tab-more");
    if (!button) return;
    document.getElementById("tab-menu")?.remove();
    button.after(menu());
    button.setAttribute("aria-expanded", "true");
    const list = items();
    (focus === "first" ? list[0] : list[list.length - 1])?.focus();
  };
  const menu = () => h("div", { id: "tab-menu", class: "tab-menu", role: "menu", "aria-labelledby": "tab-more" },
    overflowed<T>().map((tab) => h("button", {
      type: "button", role: "menuitem", id: `menu-tab-${tab}`, tabindex: -1,
      onclick: () => { close(false); port.openTab(tab); document.getElementById(`tab-${tab}`)?.focus(); },
      onkeydown: (e: Event) => menuKeys(e as KeyboardEvent, items(), close),
    }, port.label(tab))));
  const button = h("button", {
    type: "button", id: "tab-more", class: "tab-more", hidden: !hidden.length,
    "aria-haspopup": "menu", "aria-expanded": String(state.open && hidden.length > 0), "aria-controls": "tab-menu",
    onclick: () => { if (state.open) close(true); else openMenu("first"); },
    onkeydown: (e: Event) => {
      const k = (e as KeyboardEvent).key;
      if (k === "ArrowDown" || k === "ArrowUp") { e.preventDefault(); openMenu(k === "ArrowDown" ? "first" : "last"); }
      else if (k === "Escape" && state.open) { e.preventDefault(); close(true); }
    },
  }, port.moreLabel, h("span", { class: "chevron", "aria-hidden": "true" }, "▾"));
  // Open across a draw (the pane draws again while busy): the menu is drawn with the button.
  return state.open && hidden.length ? [button, menu()] : [button];
}

/** The ARIA menu pattern: arrows move (wrapping), Home and End; Enter or Space choose (the button's click); Escape and Tab close. */
function menuKeys(e: KeyboardEvent, items: HTMLElement[], close: (focusButton: boolean) => void): void {
  const i = items.indexOf(document.activeElement as HTMLElement);
  const to = e.key === "ArrowDown" ? (i + 1) % items.length : e.key === "ArrowUp" ? (i + items.length - 1) % items.length
    : e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : null;
  if (to !== null) { e.preventDefault(); items[to]?.focus(); return; }
  if (e.key === "Escape") { e.preventDefault(); close(true); }
  else if (e.key === "Tab") close(false);
}

/** What the last measure of each bar was for: its tabs, their words and the selected one. */
const measured = new WeakMap<Element, string>();

/**
 * Measures the bar after a draw: every tab shown, then from the last one back (the selected one
 * kept) hidden until the list fits. Re-run on resize. A draw that changed neither the tabs, their
 * words nor the selected one keeps the last measure (the draw already applied it) and forces no
 * layout: the pane draws again on every step of a check. Returns true when the hidden set changed.
 */
export function fitTabs(bar: HTMLElement, selected: string, force = false): boolean {
  const nav = bar.querySelector<HTMLElement>("[role=tablist]");
  const more = bar.querySelector<HTMLElement>("#tab-more");
  if (!nav || !more) return false;
  lastFit = () => fitTabs(bar, selected, true);
  if (!watched.has(bar) && typeof ResizeObserver !== "undefined") {
    watched.add(bar);
    new ResizeObserver(() => lastFit?.()).observe(bar);
  }
  const tabs = [...nav.querySelectorAll<HTMLElement>("[role=tab]")];
  const key = `${selected}\u0000${tabs.map((t) => `${t.id}=${t.textContent}`).join("\u0000")}`;
  if (!force && measured.get(bar) === key) return false;
  measured.set(bar, key);
  for (const t of tabs) t.hidden = false;
  more.hidden = true;
  const hidden: string[] = [];
  if (nav.scrollWidth > nav.clientWidth + 1) {
    more.hidden = false;
    for (let i = tabs.length - 1; i >= 0 && nav.scrollWidth > nav.clientWidth + 1; i--) {
      const id = tabs[i]!.id.replace(/^tab-/, "");
      if (id === selected) continue;
      tabs[i]!.hidden = true;
      hidden.unshift(id);
    }
  }
  const changed = hidden.join() !== state.hidden.join();
  state.hidden = hidden;
  more.setAttribute("aria-expanded", String(state.open && hidden.length > 0));
  if (!hidden.length) { state.open = false; document.getElementById("tab-menu")?.remove(); }
  return changed;
}

/** A click outside the open menu closes it, as Fluent's menus do. */
if (typeof document !== "undefined") {
  document.addEventListener("mousedown", (e) => {
    if (!state.open) return;
    const t = e.target as Node | null;
    if (t && (document.getElementById("tab-menu")?.contains(t) || document.getElementById("tab-more")?.contains(t))) return;
    state.open = false;
    document.getElementById("tab-menu")?.remove();
    document.getElementById("tab-more")?.setAttribute("aria-expanded", "false");
  });
}
