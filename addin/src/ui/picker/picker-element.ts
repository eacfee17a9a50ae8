// The indicator picker as one self-contained element: a combobox (a search box) over a listbox
// that holds only the matches and draws only the rows in view. The pane's renderer leaves its
// inside alone (data-self), so a keystroke redraws this list, never the pane, and 48 pickers on a
// sheet cost 48 closed boxes, not 15,000 <option>s.
import { fold, searchIndicators } from "../../../../shared/index.ts";
import { AUTO, pickerSource } from "./source.ts";

/** Height of one row of the list, in px: rows are placed by index, so only those in view exist. */
export const ROW_PX = 30;
/** Rows drawn beyond the visible ones, above and below, so a fast scroll shows no gap. */
const OVERSCAN = 6;

interface Row { kind: "group"; label: string }
interface OptionRow { kind: "option"; value: string; label: string; group?: string }
type ListRow = Row | OptionRow;


let seq = 0;

export class IndicatorPickerElement extends HTMLElement {
  static readonly observedAttributes = ["value", "label", "lang", "disabled"];
  private input: HTMLInputElement | null = null;
  private list: HTMLElement | null = null;
  private spacer: HTMLElement | null = null;
  private count: HTMLElement | null = null;
  private rows: ListRow[] = [];
  /** Index in `rows` of the option the arrow keys are on, or -1. */
  private active = -1;
  private open = false;
  private readonly uid = `p${++seq}`;

  get value(): string { return this.getAttribute("value") ?? ""; }

  connectedCallback(): void {
    if (this.input) { this.showValue(); return; }
    const base = this.id || this.uid;
    const input = document.createElement("input");
    input.type = "search";
    input.id = this.getAttribute("input-id") ?? `${base}-q`;
    input.className = "picker-input";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    const list = document.createElement("div");
    list.id = `${base}-list`;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    list.tabIndex = -1;
    input.setAttribute("aria-controls", list.id);
    const spacer = document.createElement("div");
    spacer.className = "picker-spacer";
    list.append(spacer);
    const count = document.createElement("div");
    count.className = "picker-count hint";
    count.id = `${base}-count`;
    count.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", count.id);
    this.append(input, list, count);
    Object.assign(this, { input, list, spacer, count });
    input.addEventListener("input", () => { this.active = -1; list.scrollTop = 0; this.openList(); });
    input.addEventListener("focus", () => input.select());
    input.addEventListener("mousedown", () => { if (!this.open) queueMicrotask(() => this.openList()); });
    input.addEventListener("keydown", (e) => this.key(e));
    input.addEventListener("blur", () => { if (this.open) this.close(); });
    list.addEventListener("scroll", () => this.draw());
    // A press on a row keeps the focus in the search box; the click then picks.
    list.addEventListener("mousedown", (e) => e.preventDefault());
    list.addEventListener("click", (e) => {
      const row = (e.target as Element).closest<HTMLElement>("[role=option]");
      if (row?.dataset.value !== undefined) this.pick(row.dataset.value);
    });
    this.labels();
    this.showValue();
  }

  attributeChangedCallback(): void {
    if (!this.input) return;
    this.labels();
    if (!this.open) this.showValue();
  }

  private labels(): void {
    const label = this.getAttribute("label") ?? "";
    this.input!.setAttribute("aria-label", label);
    this.input!.placeholder = this.getAttribute("placeholder") ?? "";
    this.input!.disabled = this.hasAttribute("disabled");
    this.list!.setAttribute("aria-label", label);
  }

  /** The choice's name in the box: what a closed picker shows. */
  private nameOf(value: string): string {
    if (value === AUTO) return this.getAttribute("auto-label") ?? "";
    if (!value) return this.getAttribute("ignore-label") ?? "";
    return pickerSource.catalog?.byCode.get(value)?.label[pickerSource.lang] ?? value;
  }

  private showValue(): void {
    const shown = this.nameOf(this.value);
    if (this.input!.value !== shown) this.input!.value = shown;
    this.count!.textContent = "";
  }

  /** What the clerk typed: the chosen name still in the box means "show everything". */
  private query(): string {
    const text = this.input!.value;
    return text === this.nameOf(this.value) ? "" : text;
  }

  private openList(): void {
    const catalog = pickerSource.catalog;
    if (!catalog || this.input!.disabled) return;
    const query = this.query();
    const groups = searchIndicators(catalog.indicators, query, pickerSource.lang);
    const rows: ListRow[] = [];
    // "Read by its header" and "ignore": listed first, and found by their own words too ("bo qua").
    const words = fold(query).split(" ").filter(Boolean);
    const special = (value: string) => { const label = this.nameOf(value); if (words.every((w) => fold(label).includes(w))) rows.push({ kind: "option", value, label }); };
    if (this.hasAttribute("auto-label")) special(AUTO);
    special("");
    let found = 0;
    for (const g of groups) {
      rows.push({ kind: "group", label: g.label });
      for (const i of g.indicators) { rows.push({ kind: "option", value: i.code, label: i.label[pickerSource.lang], group: g.label }); found++; }
    }
    this.rows = rows;
    if (this.active < 0 || this.active >= rows.length) {
      // On the chosen indicator when it is listed; else on the first match of a search.
      const at = rows.findIndex((r) => r.kind === "option" && r.value === this.value);
      this.active = query ? rows.findIndex((r) => r.kind === "option") : at;
      if (this.active < 0) this.active = at;
    }
    this.open = true;
    this.list!.hidden = false;
    this.input!.setAttribute("aria-expanded", "true");
    this.spacer!.style.height = `${rows.length * ROW_PX}px`;
    const template = this.getAttribute("found") ?? "{n}";
    this.count!.textContent = query ? template.replace("{n}", String(found)) : "";
    if (this.active >= 0) this.reveal(this.active);
    this.draw();
  }

  private close(): void {
    this.open = false;
    this.active = -1;
    this.list!.hidden = true;
    this.spacer!.replaceChildren();
    this.input!.setAttribute("aria-expanded", "false");
    this.input!.removeAttribute("aria-activedescendant");
    this.showValue();
  }

  /** Draws the rows in view (and a few around them), each where its index puts it. */
  private draw(): void {
    if (!this.open) return;
    const top = this.list!.scrollTop, height = this.list!.clientHeight || 8 * ROW_PX;
    const from = Math.max(0, Math.floor(top / ROW_PX) - OVERSCAN);
    const to = Math.min(this.rows.length, Math.ceil((top + height) / ROW_PX) + OVERSCAN);
    const base = this.list!.id;
    const out: HTMLElement[] = [];
    const options = this.rows.filter((r) => r.kind === "option").length;
    let pos = this.rows.slice(0, from).filter((r) => r.kind === "option").length;
    for (let i = from; i < to; i++) {
      const r = this.rows[i]!;
      const el = document.createElement("div");
      el.style.top = `${i * ROW_PX}px`;
      if (r.kind === "group") {
        el.className = "picker-group";
        el.setAttribute("role", "presentation");
        el.textContent = r.label;
      } else {
        pos++;
        el.className = "picker-option";
        el.id = `${base}-${i}`;
        el.setAttribute("role", "option");
        el.dataset.value = r.value;
        el.setAttribute("aria-selected", String(r.value === this.value));
        el.setAttribute("aria-posinset", String(pos));
        el.setAttribute("aria-setsize", String(options));
        if (i === this.active) el.classList.add("active");
        el.textContent = r.label;
        if (r.group) el.title = `${r.group}: ${r.label}`;
      }
      out.push(el);
    }
    this.spacer!.replaceChildren(...out);
    if (this.active >= 0 && this.active >= from && this.active < to) this.input!.setAttribute("aria-activedescendant", `${base}-${this.active}`);
    else this.input!.removeAttribute("aria-activedescendant");
  }

  private reveal(i: number): void {
    const list = this.list!, height = list.clientHeight || 8 * ROW_PX;
    if (i * ROW_PX < list.scrollTop) list.scrollTop = i * ROW_PX;
    else if ((i + 1) * ROW_PX > list.scrollTop + height) list.scrollTop = (i + 1) * ROW_PX - height;
  }

  private step(by: number): void {
    let i = this.active;
    for (let n = 0; n < this.rows.length; n++) {
      i = Math.min(this.rows.length - 1, Math.max(0, i + by));
      if (this.rows[i]!.kind === "option") break;
      if (i === 0 || i === this.rows.length - 1) { by = -by; }
    }
    if (this.rows[i]?.kind !== "option") return;
    this.active = i;
    this.reveal(i);
    this.draw();
  }

  private key(e: KeyboardEvent): void {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!this.open) { this.openList(); if (!e.altKey) return; }
      if (!e.altKey) this.step(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "PageDown" || e.key === "PageUp") {
      if (!this.open) return;
      e.preventDefault();
      this.step((e.key === "PageDown" ? 1 : -1) * 7);
    } else if (e.key === "Enter") {
      if (!this.open) return;
      e.preventDefault();
      const r = this.rows[this.active];
      if (r?.kind === "option") this.pick(r.value);
    } else if (e.key === "Escape") {
      if (!this.open) return;
      e.preventDefault();
      e.stopPropagation();
      this.close();
      this.input!.select();
    }
  }

  private pick(value: string): void {
    this.setAttribute("value", value);
    this.close();
    this.dispatchEvent(new CustomEvent("pick", { detail: value }));
  }
}

export function definePicker(): void {
  if (typeof customElements !== "undefined" && !customElements.get("htct-picker")) customElements.define("htct-picker", IndicatorPickerElement);
}
