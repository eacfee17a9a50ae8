/**
 * A tiny element builder and a keyed patcher. The pane renders a fresh tree on every change;
 * `patch` then updates the live DOM in place, keeping the elements that are still there (by tag,
 * and `id` or `data-key` where given). So a field keeps its focus and caret, and a click whose
 * mousedown made a field commit (and the pane re-render) still lands on the same button.
 * An element marked `data-self` keeps its own children: only its attributes and handlers follow.
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;
type Handlers = Record<string, (e: Event) => void>;

/** Each element's current handlers: one listener per event type dispatches to whatever is here now. */
const handlers = new WeakMap<Element, Handlers>();
const listening = new WeakMap<Element, Set<string>>();

function listen(el: Element, type: string): void {
  let set = listening.get(el);
  if (!set) { set = new Set(); listening.set(el, set); }
  if (set.has(type)) return;
  set.add(type);
  el.addEventListener(type, (e) => handlers.get(el)?.[type]?.(e));
}

export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  const own: Handlers = {};
  handlers.set(el, own);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === "function") { const type = k.replace(/^on/, "").toLowerCase(); own[type] = v; listen(el, type); }
    else if (k === "value" && (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) el.value = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

const keyOf = (n: Node): string | null => (n instanceof Element ? n.getAttribute("data-key") ?? (n.id || null) : null);
const same = (a: Node, b: Node): boolean =>
  a.nodeType === b.nodeType && a.nodeName === b.nodeName && keyOf(a) === keyOf(b);

/** Makes `live` look like `next`, reusing live elements where they match. */
export function patch(live: Element, next: Element): void {
  // A <details> the clerk opened stays open: its state is theirs, not the render's.
  // A custom element's own tabindex (fluent-button makes itself focusable so) is its own, too:
  // removing it left the pane's buttons out of the keyboard's reach after the first render.
  const keep = (name: string) => (name === "open" && live instanceof HTMLDetailsElement) || (name === "tabindex" && live.localName.includes("-"));
  for (const { name } of [...live.attributes]) if (!next.hasAttribute(name) && !keep(name)) live.removeAttribute(name);
  for (const { name, value } of [...next.attributes]) if (live.getAttribute(name) !== value) live.setAttribute(name, value);
  const hs = handlers.get(next) ?? {};
  handlers.set(live, hs);
  for (const type of Object.keys(hs)) listen(live, type);
  // An element that draws its own inside (the indicator picker) is given its attributes only.
  if (next.hasAttribute("data-self")) return;
  if (live instanceof HTMLInputElement && next instanceof HTMLInputElement) {
    // The clerk's typing wins while the field has focus; otherwise the state's value shows.
    if (live.value !== next.value && live !== document.activeElement) live.value = next.value;
    if (live.checked !== next.checked) live.checked = next.checked;
  }
  patchChildren(live, next);
  if ((live instanceof HTMLSelectElement || live instanceof HTMLTextAreaElement) && "value" in next && live.value !== (next as HTMLSelectElement).value && live !== document.activeElement) {
    live.value = (next as HTMLSelectElement).value;
  }
}

function patchChildren(live: Element, next: Element): void {
  const wanted = [...next.childNodes];
  wanted.forEach((n, i) => {
    const at = live.childNodes[i];
    let match: ChildNode | undefined = at && same(at, n) ? at : undefined;
    if (!match && keyOf(n) !== null) match = [...live.childNodes].slice(i).find((p) => same(p, n));
    if (match) {
      if (match !== at) live.insertBefore(match, at ?? null);
      if (match instanceof Element) patch(match, n as Element);
      else if (match.textContent !== n.textContent) match.textContent = n.textContent;
    } else {
      live.insertBefore(n, at ?? null);
    }
  });
  while (live.childNodes.length > wanted.length) live.lastChild!.remove();
}

/** What the clerk has typed in the live field `id` (the tree a render builds is not the one on screen). */
export function liveValue(id: string): string {
  const el = document.getElementById(id);
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement ? el.value : "";
}

/** A labelled field: the label is tied to the control for screen readers and clicks. */
export function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id = id;
  if (hint) control.setAttribute("aria-describedby", `${id}-hint`);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("div", { class: "hint", id: `${id}-hint` }, hint) : null);
}

export function select(options: { value: string; label: string }[], value: string, onChange: (v: string) => void, attrs: Attrs = {}): HTMLSelectElement {
  const el = h("select", { ...attrs, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) }) as HTMLSelectElement;
  for (const o of options) el.append(h("option", { value: o.value, selected: o.value === value }, o.label));
  el.value = value;
  return el;
}
