import { vietnamTime } from "../../../../../shared/report/unit-status.ts";
import type { SavedMapping } from "../../../../../shared/index.ts";
import type { SharedMapping } from "../../../../../shared/contract/index.ts";
import { renderOffers, type OffersPort } from "./offers-view.ts";
import type { ProvinceMappings } from "./state.ts";
import type { PickerPort } from "../../indicator-picker.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { action } from "../../controls.ts";
import { field, h, select } from "../../dom.ts";
import { indicatorPicker } from "../../indicator-picker.ts";
import { AUTO } from "../../picker/source.ts";
import { KIND } from "../../read-summary.ts";

/** What the Ánh xạ cột tab reads and does. */
export interface MappingsPort extends SessionPort, PickerPort, OffersPort {
  readonly provinceMappings: ProvinceMappings;
}

/**
 * The province's view of the column mappings its units share: for each form (known by the
 * header texts it was seen with) how many units sent with it, who set or confirmed it and when,
 * and each column's indicator, which province staff correct one column at a time.
 */
export function renderMappings(app: MappingsPort): HTMLElement {
  const pm = app.provinceMappings;
  const provinces = app.assignedProvinces();
  const shown = shownProvince(app);
  const province = provinces.length
    ? select(provinces.map((p) => ({ value: p.code, label: p.name })), shown, (v) => pm.choose(v))
    : h("input", { type: "text", value: shown, autocomplete: "off", onchange: (e: Event) => pm.choose((e.target as HTMLInputElement).value) }) as HTMLInputElement;
  // Only what was fetched for the province on screen is shown (a switch of province or account drops the rest).
  const list = pm.list && pm.list.province === shown ? pm.list : null;
  return h("section", { class: "mappings" },
    app.auth.account && app.isProvinceStaff() ? null : h("p", {}, app.t("mappings.needSignIn")),
    h("div", { class: "row" }, field("m-province", app.t("rollup.province"), province)),
    h("div", { class: "actions" }, action({
      id: "m-load", primary: !list, disabled: !!app.busy || !app.auth.account,
      onclick: () => { void pm.load(shown || null).then((ok) => (ok ? app.mappingOffers.load(shown) : undefined)); },
    }, app.t("mappings.load"))),
    app.mappingOffers.list?.province === shown ? renderOffers(app, list?.mappings ?? []) : null,
    list ? h("div", { id: "m-list" }, list.mappings.map((m, i) => form(app, m, i))) : null,
  );
}

/**
 * The province the screen is for: the one picked there, else the one whose list is shown, else
 * the workbook's, else the person's first — each only if the person works there, so a province
 * left over from another account is never sent (nor an empty one).
 */
function shownProvince(app: MappingsPort): string {
  const pm = app.provinceMappings;
  const provinces = app.assignedProvinces();
  if (!provinces.length) return pm.province ?? pm.list?.province ?? app.scope.province ?? "";
  const mine = (p: string | null | undefined): p is string => !!p && provinces.some((x) => x.code === p);
  return [pm.province, pm.list?.province, app.scope.province].find(mine) ?? provinces[0]!.code;
}

function form(app: MappingsPort, m: SharedMapping, i: number): HTMLElement {
  const vi = app.lang === "vi";
  const kind = m.kind === "units" || m.kind === "transposed" || m.kind === "form" ? KIND[app.lang][m.kind] : m.kind;
  const who = m.source === "province" ? app.t("mappings.byProvince", { by: m.by }) : app.t("mappings.byClerk", { unit: (m.unit && app.registry.find((u) => u.code === m.unit)?.name) || m.unit || m.by, by: m.by });
  // Columns in the order the form has them; mapped texts the headers no longer hold after them.
  const columns = [...new Set([...m.headers, ...Object.keys(m.mapping)])];
  return h("article", { class: "mapping-form", "data-key": m.fingerprint, id: `m-form-${i}` },
    // The form's fingerprint is for support, not for the clerk: only its tooltip.
    h("h3", { title: `${app.t("mappings.form")} ${m.fingerprint}` }, m.sheet ? `“${m.sheet}”` : app.t("mappings.form"), " · ", kind),
    h("p", { class: "meta" },
      app.t("mappings.units", { count: m.units.length }), " · ", who, " · ", `${vietnamTime(m.at)}${vi ? " (giờ Việt Nam)" : " (Vietnam time)"}`),
    m.units.length ? h("p", { class: "hint" }, app.t("mappings.unitList", { units: m.units.map((u) => app.registry.find((x) => x.code === u)?.name ?? u).join(", ") })) : null,
    h("table", { class: "mapping-columns" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, app.t("mappings.header")), h("th", { scope: "col" }, app.t("validate.indicator")), h("th", { scope: "col" }, ""))),
      h("tbody", {}, columns.map((header, k) => column(app, m, header, `${i}-${k}`)))),
  );
}

function label(app: MappingsPort, v: SavedMapping[string] | undefined): string {
  if (v === undefined) return app.t("mappings.unset");
  if (v === null) return app.t("validate.ignore");
  const name = (code: string) => app.catalog.byCode.get(code)?.label[app.lang] ?? code;
  return typeof v === "string" ? name(v) : `${name(v.part)} / ${name(v.whole)}`;
}

function column(app: MappingsPort, m: SharedMapping, header: string, key: string): HTMLElement {
  const pm = app.provinceMappings;
  const e = pm.editing;
  const editing = e && e.fingerprint === m.fingerprint && e.header === header;
  const current = Object.prototype.hasOwnProperty.call(m.mapping, header) ? m.mapping[header] : undefined;
  const choice = (code: string): string => label(app, code === AUTO ? undefined : code || null);
  return h("tr", { "data-key": `${m.fingerprint}|${header}` },
    h("th", { scope: "row" }, header),
    h("td", {}, editing
      ? [indicatorPicker(app, `pm-${key}`, app.t("mappings.header"), header, e.code, (code) => pm.pick(code), { auto: true }),
        e.confirming ? h("div", { class: "confirm-save", role: "alertdialog", "aria-labelledby": `m-confirm-title-${key}`, "aria-describedby": `m-confirm-text-${key}` },
          h("strong", { id: `m-confirm-title-${key}` }, app.t("mappings.confirmTitle")),
          h("p", { id: `m-confirm-text-${key}` }, app.t("mappings.confirmText", { header, choice: choice(e.code), count: m.units.length })),
          h("div", { class: "actions" },
            action({ id: `m-confirm-${key}`, primary: true, disabled: !!app.busy, onclick: () => void pm.save() }, app.t("mappings.confirmSave")),
            action({ id: `m-back-${key}`, disabled: !!app.busy, onclick: () => pm.cancel() }, app.t("mappings.cancel")))) : null]
      : label(app, current)),
    h("td", { class: "actions" }, editing
      ? [action({ id: `m-save-${key}`, primary: true, disabled: !!app.busy || !!e.confirming, onclick: () => { pm.askSave(); document.getElementById(`m-confirm-${key}`)?.focus(); } }, app.t("mappings.save")),
        action({ id: `m-cancel-${key}`, disabled: !!app.busy, onclick: () => pm.cancel() }, app.t("mappings.cancel"))]
      : action({ id: `m-edit-${key}`, disabled: !!app.busy || !!e || !app.isProvinceStaff(), onclick: () => pm.edit(m.fingerprint, header, current), title: app.t("mappings.editTitle", { header }) }, app.t("mappings.edit"))),
  );
}
