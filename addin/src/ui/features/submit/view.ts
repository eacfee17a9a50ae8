import type { Issue, SheetRead } from "../../../../../shared/index.ts";
import type { Choice, ConflictBody, InvalidBody, SubmissionAccepted, SubmissionRequest, UnitApproval } from "../../../../../shared/contract/index.ts";
import type { DocSettings, QueuedSubmission } from "../../../doc-settings.ts";
import type { StringKey } from "../../../i18n.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { action } from "../../controls.ts";
import { h } from "../../dom.ts";
import { vietnamTime } from "../../../../../shared/report/unit-status.ts";
import { periodMismatch, periodWords, type PeriodNotePort } from "../../period-note.ts";

const show = (v: number | string | null) => (v === null ? "—" : String(v));

/** What the Gửi tab reads and does. */
export interface SubmitPort extends SessionPort, PeriodNotePort {
  readonly docs: Pick<DocSettings, "baseVersion">;
  readonly read: SheetRead | null;
  readonly issues: Issue[];
  readonly accepted: SubmissionAccepted | null;
  readonly invalid: InvalidBody | null;
  readonly conflict: { body: ConflictBody; request: SubmissionRequest; choices: Choice[] } | null;
  readonly queue: QueuedSubmission[];
  readonly myApproval: UnitApproval | null;
  /** Whether the server answered for myApproval (it failed, or was not asked yet, when false). */
  readonly myApprovalKnown: boolean;
  canSubmit(): StringKey | null;
  submit(): Promise<void>;
  resubmitConflict(): Promise<void>;
  retryQueue(): Promise<void>;
  discardQueue(): Promise<void>;
  markComplete(): Promise<void>;
}

export function renderSubmit(app: SubmitPort): HTMLElement {
  const blocked = app.canSubmit();
  const { unit, period } = app.scope;
  const base = unit && period ? app.docs.baseVersion(unit, period) : null;
  const units = app.read?.units.filter((u) => !u.isTotal && u.unitId).length ?? 0;
  const errors = app.issues.filter((i) => i.severity === "error").length;
  const unitName = app.registry.find((u) => u.code === unit)?.name ?? unit ?? "";
  return h("section", { class: "submit" },
    h("p", { id: "s-state" }, blocked ? app.t(blocked, { errors })
      : app.accepted ? app.t("submit.sent", { version: app.accepted.version, unit: unitName, period: periodWords(app, period) })
      : app.t("submit.ready", { units, unit: unitName, period: periodWords(app, period) })),
    // Before the button: the typed period and the sheet's, when they differ.
    periodMismatch(app, "s-period-mismatch"),
    approvalNote(app),
    baseNote(app, base),
    h("div", { class: "actions" },
      action({ id: "s-send", primary: true, disabled: !!blocked || !!app.busy, onclick: () => void app.submit() }, app.t("submit.send")),
      // Once something is stored and not yet approved, the clerk can say it is finished.
      (app.accepted || base !== null) && app.auth.account && app.myApproval?.state !== "approved"
        ? action({ id: "s-complete", disabled: !!app.busy, onclick: () => void app.markComplete() }, app.t("submit.complete")) : null),
    app.queue.length ? h("div", { class: "queue" },
      h("p", {}, app.t("submit.queueCount", { count: app.queue.length })),
      h("div", { class: "actions" },
        action({ id: "s-retry", disabled: !!app.busy || !app.auth.account, onclick: () => void app.retryQueue() }, app.t("submit.retry")),
        action({ id: "s-discard", disabled: !!app.busy, onclick: () => void app.discardQueue() }, app.t("submit.discard")))) : null,
    app.accepted ? h("div", { class: "summary", id: "s-summary" },
      h("p", {}, app.t("submit.summary", app.accepted.summary)),
      app.accepted.warnings.length ? h("div", {}, h("p", {}, app.t("submit.warnings", { count: app.accepted.warnings.length })),
        h("ul", {}, app.accepted.warnings.slice(0, 50).map((w) => h("li", {}, w.message)))) : null) : null,
    app.invalid ? h("ul", { class: "invalid" }, app.invalid.issues.slice(0, 100).map((i) => h("li", {}, i.message))) : null,
    app.conflict ? conflicts(app) : null,
  );
}

function conflicts(app: SubmitPort): HTMLElement {
  const c = app.conflict!;
  const label = (code: string) => app.catalog.byCode.get(code)?.label[app.lang] ?? code;
  const unitName = (code: string) => app.registry.find((u) => u.code === code)?.name ?? code;
  const setAll = (choice: "mine" | "theirs") => { c.choices = c.choices.map(() => choice); app.render(); };
  return h("div", { class: "conflicts", id: "conflicts" },
    h("h2", {}, app.t("submit.conflictTitle")),
    h("p", {}, app.t("submit.conflictHint", { base: show(c.request.baseVersion), current: c.body.currentVersion, count: c.body.conflicts.length })),
    h("table", {},
      h("thead", {}, h("tr", {}, ...["submit.unit", "submit.indicator", "submit.baseValue", "submit.mine", "submit.theirs"].map((k) => h("th", { scope: "col" }, app.t(k as "submit.unit"))))),
      h("tbody", {}, c.body.conflicts.map((x, i) => h("tr", {},
        h("td", {}, unitName(x.unit)), h("td", {}, label(x.indicator)), h("td", { class: "num" }, show(x.base)),
        ...(["mine", "theirs"] as const).map((choice) => h("td", { class: "num" }, h("label", { class: "choice" },
          h("input", { type: "radio", name: `c-${i}`, id: `c-${i}-${choice}`, checked: c.choices[i] === choice, onchange: () => { c.choices[i] = choice; app.render(); } }),
          ` ${show(choice === "mine" ? x.mine : x.theirs)}`))))))),
    h("div", { class: "actions" },
      action({ id: "c-mine", onclick: () => setAll("mine") }, app.t("submit.keepMine")),
      action({ id: "c-theirs", onclick: () => setAll("theirs") }, app.t("submit.keepTheirs")),
      action({ id: "c-resubmit", primary: true, disabled: !!app.busy, onclick: () => void app.resubmitConflict() }, app.t("submit.resubmit"))),
  );
}

/**
 * What the next send builds on. "Lần gửi đầu tiên" only when the server said it holds nothing for
 * the unit and period: a version stored from another copy of the workbook is named instead, and
 * when the server could not be asked (502, 401, offline) nothing is claimed.
 */
function baseNote(app: SubmitPort, base: number | null): HTMLElement | null {
  const version = app.accepted?.version ?? base;
  if (version !== null) return h("p", { class: "hint", id: "s-base" }, app.t("submit.base", { version }));
  if (!app.myApprovalKnown) return null;
  const stored = app.myApproval?.dataVersion ?? 0;
  return h("p", { class: "hint", id: "s-base" }, stored > 0 ? app.t("submit.baseElsewhere", { version: stored }) : app.t("submit.baseNone"));
}

/** What the province last decided on this unit's data: a return comes with what to fix. */
function approvalNote(app: SubmitPort): HTMLElement | null {
  const a = app.myApproval;
  if (!a) return null;
  if (a.state === "returned") {
    return h("div", { class: "notice error", id: "s-returned", role: "note" }, app.t("submit.returned", {
      version: a.version, by: a.by ?? "", at: a.at ? `${vietnamTime(a.at)}${app.lang === "vi" ? " giờ Việt Nam" : " Vietnam time"}` : "", comment: a.comment ?? "",
    }));
  }
  if (a.state === "approved") return h("p", { id: "s-approval", class: "hint" }, app.t("submit.approvedState", { version: a.version }));
  // Several approval levels: how far up the unit's data has come.
  const waiting = a.state === "complete" && a.awaitingLevel !== null && a.awaitingLevel > 1 ? a.levels.find((l) => l.level === a.awaitingLevel) : undefined;
  const below = waiting ? a.levels.find((l) => l.level === waiting.level - 1) : undefined;
  if (waiting && below) return h("p", { id: "s-approval", class: "hint" }, app.t("submit.levelState", { version: a.version, done: below.level, doneName: below.name[app.lang], next: waiting.level, nextName: waiting.name[app.lang] }));
  if (a.state === "complete") return h("p", { id: "s-approval", class: "hint" }, app.t("submit.completeState", { version: a.version }));
  return null;
}
