import type { Catalog } from "../../../shared/index.ts";
import type { PanePort } from "./shell/ports.ts";
import { h } from "./dom.ts";
import { pickerSource } from "./picker/source.ts";

export { AUTO } from "./picker/source.ts";

/**
 * The element's code comes with the first picker drawn (after a check), not with the pane: the
 * <htct-picker>s already on screen are upgraded when it arrives.
 */
let defined = false;
const definePicker = (): void => {
  if (defined) return;
  defined = true;
  void import("./picker/picker-element.ts").then((m) => m.definePicker());
};

/** What a picker needs of the pane: the catalog it searches and the words it shows. */
export interface PickerPort extends PanePort {
  readonly catalog: Catalog;
}

/**
 * The indicator for one column (or one row of a form): a searchable combobox (diacritics-
 * insensitive, any words in any order) whose list holds only the matches, grouped by the
 * catalog's groups, and draws only the rows in view (ui/picker/picker-element.ts). Its name says
 * which column or row and header it is for. `auto` offers "read by its header" as a choice.
 */
export function indicatorPicker(app: PickerPort, id: string, where: string, header: string, value: string, onPick: (code: string) => void, opts: { auto?: boolean } = {}): HTMLElement {
  definePicker();
  pickerSource.catalog = app.catalog;
  pickerSource.lang = app.lang;
  return h("htct-picker", {
    id: `map-${id}`, "input-id": `map-q-${id}`, "data-self": true, class: "picker",
    value, label: `${app.t("validate.indicator")} — ${where}: ${header}`,
    placeholder: app.t("validate.searchIndicator"), "ignore-label": app.t("validate.ignore"),
    "auto-label": opts.auto ? app.t("mappings.unset") : null, found: app.t("validate.found", { n: "{n}" }),
    onpick: (e: Event) => onPick((e as CustomEvent<string>).detail),
  });
}

/** The picker's value when "read by its header" is chosen. */
