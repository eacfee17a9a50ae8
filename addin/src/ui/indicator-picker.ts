import { searchIndicators, type Catalog } from "../../../shared/index.ts";
import type { PanePort } from "./shell/ports.ts";
import { h } from "./dom.ts";

/** The indicator search beside a column: what the clerk typed is kept per column. */
export interface PickerPort extends PanePort {
  readonly catalog: Catalog;
  mappingFilter: Record<string, string>;
}

/**
 * The indicator for one column: a search box (diacritics-insensitive, any words in any order)
 * above a select grouped by the catalog's groups, so 300-odd indicators stay findable in a
 * narrow pane. The chosen indicator stays listed whatever the search.
 */
export function indicatorPicker(app: PickerPort, column: string, header: string, value: string, onPick: (code: string) => void): HTMLElement {
  const catalog: Catalog = app.catalog;
  const query = app.mappingFilter[column] ?? "";
  const groups = searchIndicators(catalog.indicators, query, app.lang);
  const found = groups.reduce((n, g) => n + g.indicators.length, 0);
  const current = value ? catalog.byCode.get(value) : undefined;
  const listed = groups.some((g) => g.indicators.some((i) => i.code === value));
  const label = `${app.t("validate.indicator")} ${column}: ${header}`;
  const pick = h("select", { id: `map-${column}`, "aria-label": label, onchange: (e: Event) => onPick((e.target as HTMLSelectElement).value) },
    h("option", { value: "" }, app.t("validate.ignore")),
    current && !listed ? h("option", { value: current.code }, current.label[app.lang]) : null,
    groups.map((g) => h("optgroup", { label: g.label }, g.indicators.map((i) => h("option", { value: i.code }, i.label[app.lang])))),
  ) as HTMLSelectElement;
  pick.value = value;
  return h("div", { class: "picker" },
    h("input", {
      type: "search", id: `map-q-${column}`, value: query, placeholder: app.t("validate.searchIndicator"), autocomplete: "off",
      "aria-label": `${app.t("validate.searchIndicator")} (${column})`, "aria-controls": `map-${column}`,
      oninput: (e: Event) => { app.mappingFilter = { ...app.mappingFilter, [column]: (e.target as HTMLInputElement).value }; app.render(); },
    }),
    pick,
    query ? h("div", { class: "hint", "aria-live": "polite" }, app.t("validate.found", { n: found })) : null,
  );
}
