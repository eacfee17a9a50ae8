// The approval steps: the province's Duyệt list (approve or return the ticked units, each at the
// version shown) and the clerk's side (whether the unit was returned, marking it complete). It
// asks the pane only for what ApprovalHost names.
import type { ApprovalsResponse, SubmissionAccepted, UnitApproval } from "../../../../../shared/contract/index.ts";
import { ApiError } from "../../../api/client.ts";
import type { DocSettings } from "../../../doc-settings.ts";
import type { Notice, SessionPort } from "../../shell/ports.ts";
import { decidable, reopenable, selectable } from "./units.ts";

/** What the approval steps need from the pane. */
export interface ApprovalHost extends SessionPort {
  readonly accepted: SubmissionAccepted | null;
  readonly docs: Pick<DocSettings, "baseVersion">;
  explain(e: unknown): string;
}

export type ApprovalStepName = "approve" | "return" | "reopen";

export class Approvals {
  constructor(private readonly app: ApprovalHost) {}

  /** The province's list for the period shown on the Duyệt tab, the units ticked, the comment typed. */
  approvals: ApprovalsResponse | null = null;
  approvalPick = new Set<string>();
  approvalComment = "";
  /** The clerk's own unit's approval for the scope's period (the province's return comment). */
  myApproval: UnitApproval | null = null;
  /** What the "Lọc…" field holds: the list shows the units whose name or state contains it. */
  approvalFilter = "";
  /**
   * The answer to the last approve, return or reopen, shown in the action bar beside the buttons
   * (where the person is looking, not at the top of a 120-unit list).
   */
  approvalResult: Notice | null = null;
  /** Whether myApproval is the server's answer (null: not asked yet, or it failed: 502, 401, offline). */
  myApprovalKnown = false;

  async loadApprovals(province: string, period: string): Promise<void> {
    this.approvalResult = null;
    await this.app.task(this.app.t("approve.loading"), async () => {
      const list = await this.app.api().approvals(province, period);
      this.showApprovals(list);
      const n = (s: string) => list.units.filter((u) => u.state === s).length;
      this.app.notice = { kind: "info", text: this.app.t("approve.loaded", { period: list.period, complete: n("complete"), approved: n("approved"), returned: n("returned"), none: n("none") + n("reopened") }) };
    });
  }

  private showApprovals(list: ApprovalsResponse): void {
    // A unit no longer awaiting a decision (or a reopening) cannot stay ticked.
    const open = new Set(list.units.filter((u) => selectable(list, u)).map((u) => u.unit));
    this.approvalPick = new Set([...this.approvalPick].filter((u) => open.has(u)));
    this.approvals = list;
  }

  pickApprovals(units: string[], on: boolean): void {
    for (const u of units) if (on) this.approvalPick.add(u); else this.approvalPick.delete(u);
    this.app.render();
  }

  /** The action bar's answer; the notice at the top is cleared so that only one place speaks. */
  private answer(result: Notice): void {
    this.approvalResult = result;
    this.app.notice = null;
    this.app.render();
  }

  /**
   * Approves, returns or reopens the ticked units that the step applies to, each with the version
   * shown, so a newer submission is refused (409), not decided unseen. The server picks each
   * unit's level from the person's rights; a refusal (409 order of levels, 403 a level not theirs)
   * is shown in its own words in the action bar.
   */
  async decide(step: ApprovalStepName): Promise<void> {
    const list = this.approvals;
    if (!list) return;
    const applies = step === "reopen" ? (u: UnitApproval) => reopenable(list, u) : (u: UnitApproval) => decidable(list, u);
    const picked = list.units.filter((u) => applies(u) && this.approvalPick.has(u.unit));
    const units = picked.map((u) => ({ unit: u.unit, version: u.dataVersion }));
    const comment = (document.getElementById("a-comment") as HTMLTextAreaElement | null)?.value ?? this.approvalComment;
    this.approvalComment = comment;
    if (!units.length) { this.answer({ kind: "error", text: this.app.t(step === "reopen" ? "approve.noneApproved" : "approve.noneSelected") }); return; }
    if (step !== "approve" && !comment.trim()) {
      this.answer({ kind: "error", text: this.app.t(step === "reopen" ? "approve.needReopenComment" : "approve.needComment") });
      document.getElementById("a-comment")?.focus();
      return;
    }
    this.approvalResult = null;
    await this.app.task(this.app.t("approve.working"), async () => {
      const api = this.app.api();
      let failed: unknown = null;
      try {
        await api.decide(step, list.province, list.period, { units, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      } catch (e) {
        failed = e;
      }
      // Whatever the answer, the list shows what the server holds now.
      this.showApprovals(await api.approvals(list.province, list.period).catch(() => list));
      if (failed) {
        // The server's own words where it gave them (which level must act first, which right is missing).
        const said = failed instanceof ApiError && failed.body ? failed.body.message[this.app.lang] : this.app.explain(failed);
        this.answer({ kind: "error", text: said });
        return;
      }
      this.approvalPick.clear();
      this.approvalComment = "";
      const names = picked.map((u) => u.name);
      this.answer({ kind: "ok", text: this.doneText(list, step, picked), details: names.length <= 10 ? names : undefined });
    });
  }

  /** What was done, in words; with several levels, at which level (the one the units waited at) and what comes next. */
  private doneText(list: ApprovalsResponse, step: ApprovalStepName, picked: readonly UnitApproval[]): string {
    const count = picked.length;
    const levels = new Set(picked.map((u) => u.awaitingLevel));
    const level = levels.size === 1 ? [...levels][0] : null;
    if (step === "reopen" || list.levels.length <= 1 || level === null || level === undefined) {
      return this.app.t(step === "approve" ? "approve.approved" : step === "return" ? "approve.returned" : "approve.reopened", { count });
    }
    const name = (l: number) => list.levels.find((x) => x.level === l)?.name[this.app.lang] ?? String(l);
    const next = list.levels.find((x) => x.level === level + 1);
    if (step === "return") return this.app.t("approve.returnedAtLevel", { count, level, name: name(level) });
    return next
      ? this.app.t("approve.approvedAtLevel", { count, level, name: name(level), next: next.level, nextName: next.name[this.app.lang] })
      : this.app.t("approve.approvedTop", { count, level, name: name(level) });
  }

  /** Quietly, on opening the Gửi tab: whether the province returned (with its comment) or approved the clerk's unit. */
  async loadMyApproval(): Promise<void> {
    const { province, unit, period } = this.app.scope;
    if (!province || !unit || !period || !this.app.auth.account || this.app.isProvinceStaff()) { this.myApproval = null; this.myApprovalKnown = false; return; }
    const list = await this.app.api().approvals(province, period).catch(() => null);
    this.myApproval = list?.units.find((u) => u.unit === unit) ?? null;
    this.myApprovalKnown = !!list && list.period === period;
    this.app.render();
  }

  /** The clerk tells the province the unit's stored version is finished. */
  async markComplete(): Promise<void> {
    const { province, unit, period } = this.app.scope;
    if (!province || !unit || !period) return;
    await this.app.task(this.app.t("submit.completing"), async () => {
      const api = this.app.api();
      const version = this.app.accepted?.version ?? this.app.docs.baseVersion(unit, period) ?? this.myApproval?.dataVersion ?? 0;
      const r = await api.complete(province, period, { unit, version: Math.max(1, version), comments: {} });
      if (r.kind === "refused") {
        this.app.notice = { kind: "error", text: r.body.message[this.app.lang], details: r.body.needComment.map((n) => n.label) };
        return;
      }
      this.myApproval = r.body.units.find((u) => u.unit === unit) ?? null;
      this.app.notice = { kind: "ok", text: this.app.t("submit.completed", { version: this.myApproval?.dataVersion ?? version }) };
    });
  }
}
