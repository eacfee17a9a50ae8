import type { ApprovalsResponse } from "../../../../../shared/contract/index.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { parsePeriodInput } from "../../../../../shared/index.ts";
import type { UnitApproval } from "../../../../../shared/contract/index.ts";
import { action } from "../../controls.ts";
import { field, h, liveValue, select } from "../../dom.ts";
import type { StringKey } from "../../../i18n.ts";

/** Only a unit marked complete can be approved or returned; the others are shown, not selectable. */
export const decidable = (u: UnitApproval): boolean => u.state === "complete";

/** What the Duyệt tab reads and does. */
export interface ApprovePort extends SessionPort {
  readonly approvals: ApprovalsResponse | null;
  readonly approvalPick: ReadonlySet<string>;
  approvalComment: string;
  loadApprovals(province: string, period: string): Promise<void>;
  pickApprovals(units: string[], on: boolean): void;
  decide(step: "approve" | "return"): Promise<void>;
}

/**
 * The province's view: the reporting units of a period with their approval state, several
 * selected at once and approved, or returned with a comment that their clerks then see.
 */
export function renderApprove(app: ApprovePort): HTMLElement {
  const provinces = app.assignedProvinces();
  const province = provinces.length
    ? select(provinces.map((p) => ({ value: p.code, label: p.name })), app.approvals?.province ?? app.scope.province ?? provinces[0]!.code, () => undefined)
    : h("input", { type: "text", value: app.scope.province ?? "", autocomplete: "off" }) as HTMLInputElement;
  const period = h("input", { type: "text", value: app.approvals?.period ?? app.scope.period ?? "", placeholder: "6/2024", autocomplete: "off" }) as HTMLInputElement;
  const list = app.approvals;
  const open = list?.units.filter(decidable) ?? [];
  const picked = open.filter((u) => app.approvalPick.has(u.unit));
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
    list ? h("table", { id: "a-units" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, h("input", {
          type: "checkbox", id: "a-all", "aria-label": app.t("approve.pickAll"), disabled: !open.length,
          checked: open.length > 0 && picked.length === open.length,
          onchange: (e: Event) => app.pickApprovals(open.map((u) => u.unit), (e.target as HTMLInputElement).checked),
        })),
        ...(["approve.unit", "approve.state", "approve.version", "approve.note"] as const).map((k) => h("th", { scope: "col" }, app.t(k))))),
      h("tbody", {}, list.units.map((u) => h("tr", { "data-key": u.unit, "data-state": u.state },
        h("td", {}, h("input", {
          type: "checkbox", id: `a-pick-${u.unit}`, "aria-label": app.t("approve.pick", { unit: u.name }), disabled: !decidable(u),
          checked: app.approvalPick.has(u.unit), onchange: (e: Event) => app.pickApprovals([u.unit], (e.target as HTMLInputElement).checked),
        })),
        h("td", {}, h("label", { for: `a-pick-${u.unit}` }, u.name)),
        h("td", { class: `state ${u.state}` }, app.t(`state.${u.state}` as StringKey)),
        h("td", { class: "num" }, u.dataVersion || "—"),
        h("td", {}, note(app, u)))))) : null,
    list ? field("a-comment", app.t("approve.comment"), h("textarea", { rows: 3, maxlength: 2000, value: app.approvalComment, oninput: (e: Event) => { app.approvalComment = (e.target as HTMLTextAreaElement).value; } }), app.t("approve.commentHint")) : null,
    list ? h("div", { class: "actions" },
      action({ id: "a-approve", primary: true, disabled: !!app.busy || !picked.length, onclick: () => void app.decide("approve") }, app.t("approve.approve")),
      action({ id: "a-return", disabled: !!app.busy || !picked.length, onclick: () => void app.decide("return") }, app.t("approve.return"))) : null,
  );
}

function note(app: ApprovePort, u: UnitApproval): string {
  const parts = [u.comment ?? "", ...Object.values(u.comments)].filter((s) => s.trim());
  if (u.changesAfterApproval) parts.push(app.t("approve.changed", { count: u.changesAfterApproval }));
  return parts.join(" · ");
}
