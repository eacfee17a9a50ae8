import type { ProvinceAssignment } from "../../../../../shared/contract/index.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { action } from "../../controls.ts";
import { field, h, liveValue, select } from "../../dom.ts";
import type { People, PersonDraft } from "./state.ts";

/** What the Người dùng tab reads and does. */
export interface PeoplePort extends SessionPort {
  readonly people: People;
}

/** A text field of the add form, its typing kept in the state. */
function text(app: PeoplePort, key: keyof PersonDraft, attrs: Record<string, string> = {}): HTMLElement {
  return h("input", { type: "text", ...attrs, value: app.people.draft[key], autocomplete: "off", spellcheck: "false", oninput: (e: Event) => app.people.type(key, (e.target as HTMLInputElement).value) });
}

/**
 * The province's people for its staff and for operators: the list (sign-in identity, role, unit,
 * name and e-mail), a form to assign one person, and revoking one with a second click. Staff
 * assign clerks only; operators also province staff.
 */
export function renderPeople(app: PeoplePort): HTMLElement {
  const pp = app.people;
  const provinces = app.assignedProvinces();
  const shown = pp.list?.province ?? app.scope.province ?? provinces[0]?.code ?? "";
  const operator = app.isOperator();
  // An operator holds no province: the code is typed.
  const province = provinces.length && !operator
    ? select(provinces.map((p) => ({ value: p.code, label: p.name })), shown, () => undefined)
    : h("input", { type: "text", value: pp.province || (operator ? "" : shown), autocomplete: "off", spellcheck: "false", oninput: (e: Event) => { pp.province = (e.target as HTMLInputElement).value; } });
  const may = !!app.auth.account && (app.isProvinceStaff() || operator);
  const code = () => liveValue("p-province").trim().toUpperCase();
  return h("section", { class: "people" },
    may ? null : h("p", {}, app.t("people.needSignIn")),
    h("p", { class: "hint" }, app.t("people.rules")),
    h("div", { class: "row" }, field("p-province", app.t("rollup.province"), province)),
    h("div", { class: "actions" }, action({ id: "p-load", primary: !pp.list, disabled: !!app.busy || !may, onclick: () => void pp.load(code()) }, app.t("people.load"))),
    pp.list ? list(app, pp.list.province, pp.list.assignments) : null,
    pp.list ? addForm(app, pp.list.province) : null,
  );
}

function list(app: PeoplePort, province: string, people: ProvinceAssignment[]): HTMLElement {
  const pp = app.people;
  const staffOnlyByOperator = (a: ProvinceAssignment) => a.role === "province" && !app.isOperator();
  return h("table", { id: "p-list", class: "people-list" },
    h("thead", {}, h("tr", {},
      ...["people.user", "people.role", "people.unit", "people.person"].map((k) => h("th", { scope: "col" }, app.t(k as Parameters<PeoplePort["t"]>[0]))),
      h("th", { scope: "col" }, ""))),
    h("tbody", {}, people.map((a, i) => h("tr", { "data-key": a.user },
      h("th", { scope: "row" }, a.user),
      h("td", {}, app.t(a.role === "province" ? "people.role.province" : "people.role.clerk"), a.levels?.length ? ` (${app.t("people.levelsShown", { levels: a.levels.join(", ") })})` : ""),
      h("td", {}, a.unitName ? `${a.unitName} (${a.unit})` : a.unit),
      h("td", {}, [a.name, a.email].filter(Boolean).join(" · ") || "—"),
      h("td", { class: "actions" }, pp.confirmRevoke === a.user
        ? [action({ id: `p-revoke-yes-${i}`, primary: true, disabled: !!app.busy, onclick: () => void pp.revoke(province, a.user) }, app.t("people.revokeConfirm")),
          action({ id: `p-revoke-no-${i}`, disabled: !!app.busy, onclick: () => pp.cancelRevoke() }, app.t("people.cancel"))]
        : action({ id: `p-revoke-${i}`, disabled: !!app.busy || staffOnlyByOperator(a), onclick: () => void pp.revoke(province, a.user), title: app.t("people.revokeTitle", { user: a.user }) }, app.t("people.revoke"))),
    ))),
  );
}

function addForm(app: PeoplePort, province: string): HTMLElement {
  const pp = app.people;
  const roles = [{ value: "clerk", label: app.t("people.role.clerk") }, ...(app.isOperator() ? [{ value: "province", label: app.t("people.role.province") }] : [])];
  // The province's own units, for a clerk's unit (the registry the pane holds, when it is this province's).
  const units = app.registry.filter((u) => u.code !== province && u.code.length > 0);
  return h("fieldset", { class: "people-add" },
    h("legend", {}, app.t("people.addTitle")),
    field("p-user", app.t("people.user"), text(app, "user"), app.t("people.userHint")),
    field("p-role", app.t("people.role"), select(roles, pp.draft.role, (v) => { pp.type("role", v); app.render(); })),
    field("p-unit", app.t("people.unit"), text(app, "unit", { list: "p-units" }), app.t("people.unitHint", { province })),
    h("datalist", { id: "p-units" }, units.slice(0, 2000).map((u) => h("option", { value: u.code }, u.name))),
    field("p-name", app.t("people.name"), text(app, "name")),
    field("p-email", app.t("people.email"), text(app, "email", { type: "email" })),
    // The approval levels an operator gives province staff (where the province's levels are "assigned").
    app.isOperator() && pp.draft.role === "province" ? field("p-levels", app.t("people.levels"), text(app, "levels", { inputmode: "numeric" }), app.t("people.levelsHint")) : null,
    h("div", { class: "actions" }, action({ id: "p-add", primary: true, disabled: !!app.busy, onclick: () => void pp.add(province) }, app.t("people.add"))),
  );
}
