import { h } from "./dom.ts";

/**
 * An action button: Fluent's `<fluent-button>` (primary for the main action of a view). A click on
 * a disabled one does nothing whatever the element lets through.
 */
export function action(attrs: { id: string; primary?: boolean; disabled?: boolean; onclick: () => void; title?: string }, label: string): HTMLElement {
  return h("fluent-button", {
    id: attrs.id, appearance: attrs.primary ? "primary" : null, disabled: !!attrs.disabled, title: attrs.title ?? null,
    onclick: (e: Event) => { if ((e.currentTarget as Element).hasAttribute("disabled")) return; attrs.onclick(); },
  }, label);
}
