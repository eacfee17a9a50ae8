// The approval steps: the province's Duyệt list (approve or return the ticked units, each at the
// version shown) and the clerk's side (whether the unit was returned, marking it complete). It
// asks the pane only for what ApprovalHost names.
import type { ApprovalsResponse, SubmissionAccepted, UnitApproval } from "../../../../../shared/contract/index.ts";
import type { DocSettings } from "../../../doc-settings.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { decidable } from "./view.ts";

/** What the approval steps need from the pane. */
export interface ApprovalHost extends SessionPort {
  readonly accepted: SubmissionAccepted | null;
  readonly docs: Pick<DocSettings, "baseVersion">;
}

export class Approvals {
  constructor(private readonly app: ApprovalHost) {}

  /** The province's list for the period shown on the Duyệt tab, the units ticked, the comment typed. */
  approvals: ApprovalsResponse | null = null;
  approvalPick = new Set<string>();
  approvalComment = "";
  /** The clerk's own unit's approval for the scope's period (the province's return comment). */
  myApproval: UnitApproval | null = null;
  /** Whether myApproval is the server's answer (null: not asked yet, or it failed: 502, 401, offline). */
  myApprovalKnown = false;

  async loadApprovals(province: string, period: string): Promise<void> {
    await this.app.task(this.app.t("approve.loading"), async () => {
      const list = await this.app.api().approvals(province, period);
      this.showApprovals(list);
      const n = (s: string) => list.units.filter((u) => u.state === s).length;
      this.app.notice = { kind: "info", text: this.app.t("approve.loaded", { period: list.period, complete: n("complete"), approved: n("approved"), returned: n("returned"), none: n("none") + n("reopened") }) };
    });
  }

  private showApprovals(list: ApprovalsResponse): void {
    // A unit no longer awaiting a decision cannot stay ticked.
    const open = new Set(list.units.filter(decidable).map((u) => u.unit));
    this.approvalPick = new Set([...this.approvalPick].filter((u) => open.has(u)));
    this.approvals = list;
  }

  pickApprovals(units: string[], on: boolean): void {
    for (const u of units) if (on) this.approvalPick.add(u); else this.approvalPick.delete(u);
    this.app.render();
  }

  /** Approves or returns the ticked units, each with the version shown, so a newer submission is refused (409), not decided unseen. */
  async decide(step: "approve" | "return"): Promise<void> {
    const list = this.approvals;
    if (!list) return;
    const units = list.units.filter((u) => decidable(u) && this.approvalPick.has(u.unit)).map((u) => ({ unit: u.unit, version: u.dataVersion }));
    const comment = (document.getElementById("a-comment") as HTMLTextAreaElement | null)?.value ?? this.approvalComment;
    this.approvalComment = comment;
    if (!units.length) { this.app.notice = { kind: "error", text: this.app.t("approve.noneSelected") }; this.app.render(); return; }
    if (step === "return" && !comment.trim()) { this.app.notice = { kind: "error", text: this.app.t("approve.needComment") }; this.app.render(); document.getElementById("a-comment")?.focus(); return; }
    await this.app.task(this.app.t("approve.working"), async () => {
      const api = this.app.api();
      try {
        await api.decide(step, list.province, list.period, { units, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      } finally {
        // Whatever the answer, the list shows what the server holds now.
        this.showApprovals(await api.approvals(list.province, list.period).catch(() => list));
      }
      this.approvalPick.clear();
      this.approvalComment = "";
      this.app.notice = { kind: "ok", text: this.app.t(step === "approve" ? "approve.approved" : "approve.returned", { count: units.length }) };
    });
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
