import type { ApprovalsResponse } from "../../../../../shared/contract/index.ts";
import type { Notice, SessionPort } from "../../shell/ports.ts";
import { parsePeriodInput } from "../../../../../shared/index.ts";
import type { UnitApproval } from "../../../../../shared/contract/index.ts";
import { action } from "../../controls.ts";
import { field, h, liveValue, select } from "../../dom.ts";
import { decidable, filtered, reopenable, selectable, stateText } from "./units.ts";
import type { ApprovalStepName } from "./state.ts";


/** What the Duyệt tab reads and does. */
export interface ApprovePort extends SessionPort {
  readonly approvals: ApprovalsResponse | null;
  readonly approvalPick: ReadonlySet<string>;
  approvalComment: string;
  approvalFilter: string;
  readonly approvalResult: Notice | null;
  loadApprovals(province: string, period: string): Promise<void>;
  pickApprovals(units: string[], on: boolean): void;
  decide(step: ApprovalStepName): Promise<void>;
}

/**
 * The province's view: the reporting units of a period with their approval state (and level),
 * filtered by name or state, several selected at once and approved, returned with a comment that
 * their clerks then see, or reopened. The comment, the buttons and the answer sit in a bar that
 * stays at the bottom of the pane while a list of 120 units scrolls under it.
 */
export function renderApprove(app: ApprovePort): HTMLElement {
  const provinces = app.assignedProvinces();
  const province = provinces.length
    ? select(provinces.map((p) => ({ value: p.code, label: p.name })), app.approvals?.province ?? app.scope.province ?? provinces[0]!.code, () => undefined)
    : h("input", { type: "text", value: app.scope.province ?? "", autocomplete: "off" }) as HTMLInputElement;
  const period = h("input", { type: "text", value: app.approvals?.period ?? app.scope.period ?? "", placeholder: "6/2024", autocomplete: "off" }) as HTMLInputElement;
  const list = app.approvals;
  return h("section", { class: "approve" },
    app.auth.account && app.isProvinceStaff() ? null : h("p", {}, app.t("approve.needSignIn")),
    h("div", { class: "row" }, field("a-province", app.t("rollup.province"), province), field("a-period", app.t("rollup.period"), period, app.t("validate.periodHint"))),
    h("div", { class: "actions" }, action({
      id: "a-load", primary: !list, disabled: !!app.busy || !app.auth.account,
      onclick: () => {
        const typed = liveValue("a-period").trim();
        const code = parsePeriodInput(typed);
        if (!code) { app.notice = { kind: "error", text: typed ? app.t("validate.periodInvalid", { text: typed }) : app.t("validate.periodMissing") }; app.render(); return; }
        void app.loadApprovals(liveValue("a-province").trim().toUpperCase(), code);
      },
    }, app.t("approve.load"))),
    list ? renderList(app, list) : null,
  );
}

function renderList(app: ApprovePort, list: ApprovalsResponse): HTMLElement[] {
  const shown = filtered(app, list, app.approvalFilter);
  const visible = new Set(shown.map((u) => u.unit));
  // "Select all" takes the units shown that await the person's decision, as its label says; an approved unit is reopened one by one.
  const open = shown.filter((u) => decidable(list, u));
  const pickedOpen = open.filter((u) => app.approvalPick.has(u.unit));
  const picked = list.units.filter((u) => app.approvalPick.has(u.unit));
  const toDecide = picked.filter((u) => decidable(list, u));
  const toReopen = picked.filter((u) => reopenable(list, u));
  const levels = list.levels.length > 1;
  const mine = list.myLevels.map((l) => `${l} (${list.levels.find((x) => x.level === l)?.name[app.lang] ?? l})`).join(", ");
  return [
    levels ? h("p", { id: "a-levels", class: "hint" }, app.t("approve.levels", { levels: list.levels.map((l) => `${l.level}. ${l.name[app.lang]}`).join(" → "), mine: mine ? app.t("approve.myLevels", { levels: mine }) : app.t("approve.noLevel") })) : null,
    field("a-filter", app.t("approve.filter"), h("input", {
      type: "search", value: app.approvalFilter, autocomplete: "off", placeholder: app.t("approve.filterHint"), "aria-controls": "a-units",
      oninput: (e: Event) => { app.approvalFilter = (e.target as HTMLInputElement).value; app.render(); },
    })),
    h("p", { id: "a-count", class: "hint", "aria-live": "polite" }, app.t("approve.shown", { shown: shown.length, total: list.units.length })),
    h("table", { id: "a-units" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, h("input", {
          type: "checkbox", id: "a-all", "aria-label": app.t("approve.pickAll"), disabled: !open.length,
          checked: open.length > 0 && pickedOpen.length === open.length,
          onchange: (e: Event) => app.pickApprovals(open.map((u) => u.unit), (e.target as HTMLInputElement).checked),
        })),
        ...(["approve.unit", "approve.state", "approve.version", "approve.note"] as const).map((k) => h("th", { scope: "col" }, app.t(k))))),
      h("tbody", {}, list.units.map((u) => h("tr", { "data-key": u.unit, "data-state": u.state, hidden: !visible.has(u.unit) },
        h("td", {}, h("input", {
          type: "checkbox", id: `a-pick-${u.unit}`, "aria-label": app.t("approve.pick", { unit: u.name }), disabled: !selectable(list, u),
          checked: app.approvalPick.has(u.unit), onchange: (e: Event) => app.pickApprovals([u.unit], (e.target as HTMLInputElement).checked),
        })),
        h("td", {}, h("label", { for: `a-pick-${u.unit}` }, u.name)),
        h("td", { class: `state ${u.state}` }, stateText(app, list, u)),
        h("td", { class: "num" }, u.dataVersion || "—"),
        h("td", {}, note(app, u)))))),
    // The bar: sticky at the bottom of the pane, so the buttons and their answer stay in view however far the list scrolls.
    h("div", { class: "approve-bar", id: "a-bar", role: "region", "aria-label": app.t("approve.bar") },
      h("p", { id: "a-picked", class: "hint" }, app.t("approve.picked", { decide: toDecide.length, reopen: toReopen.length })),
      field("a-comment", app.t("approve.comment"), h("textarea", { rows: 2, maxlength: 2000, value: app.approvalComment, oninput: (e: Event) => { app.approvalComment = (e.target as HTMLTextAreaElement).value; } }), app.t("approve.commentHint")),
      h("div", { class: "actions" },
        action({ id: "a-approve", primary: true, disabled: !!app.busy || !toDecide.length, onclick: () => void app.decide("approve") }, app.t("approve.approve")),
        action({ id: "a-return", disabled: !!app.busy || !toDecide.length, onclick: () => void app.decide("return") }, app.t("approve.return")),
        action({ id: "a-reopen", disabled: !!app.busy || !toReopen.length, onclick: () => void app.decide("reopen") }, app.t("approve.reopen"))),
      // The answer to the last action, spoken by screen readers and shown beside the buttons that caused it.
      h("div", { id: "a-result", role: "status", "aria-live": "polite" },
        app.approvalResult ? h("div", { class: `notice ${app.approvalResult.kind}`, role: app.approvalResult.kind === "error" ? "alert" : null }, app.approvalResult.text,
          app.approvalResult.details?.length ? h("ul", {}, app.approvalResult.details.map((d) => h("li", {}, d))) : null) : null)),
  ].filter((x): x is HTMLElement => x !== null);
}

function note(app: ApprovePort, u: UnitApproval): string {
  const parts = [u.comment ?? "", ...Object.values(u.comments)].filter((s) => s.trim());
  if (u.changesAfterApproval) parts.push(app.t("approve.changed", { count: u.changesAfterApproval }));
  return parts.join(" · ");
}
