// The Gửi tab's state and actions: the submission built from the checked sheet, the queue kept
// in the workbook (so a lost connection loses nothing), and the server's answers (accepted,
// conflict with a choice per value, invalid, locked). It asks the pane only for what
// SubmissionHost names.
import { summarize, type Issue, type SheetRead } from "../../../../../shared/index.ts";
import { buildSubmission, chosenCells, fingerprint, resolveConflicts, type Choice, type ConflictBody, type InvalidBody, type SharedMapping, type SubmissionAccepted, type SubmissionRequest } from "../../../../../shared/contract/index.ts";
import type { ExcelAdapter, SheetSnapshot } from "../../../excel/adapter.ts";
import { QueueFullError, type DocSettings, type QueuedSubmission } from "../../../doc-settings.ts";
import type { StringKey } from "../../../i18n.ts";
import { uuid } from "../../../uuid.ts";
import { attempt, settle } from "../../../submit-queue.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { offerSharedMapping } from "../mappings/shared-mapping.ts";

/** What submitting needs from the pane: the session, the checked sheet and the approval's refresh. */
export interface SubmissionHost extends SessionPort {
  readonly docs: DocSettings;
  readonly deps: { readonly office: { readonly documentUrl?: string | undefined } };
  readonly read: SheetRead | null;
  readonly issues: Issue[];
  readonly snapshot: SheetSnapshot | null;
  readonly sharedMapping: SharedMapping | null;
  readonly adapter: Pick<ExcelAdapter, "writeChosen">;
  explain(e: unknown): string;
  loadMyApproval(): Promise<void>;
  /** The sheet was written (the server's values chosen in a conflict): read and check it again, quietly. */
  sheetWritten(): Promise<void>;
}

export class Submission {
  constructor(private readonly app: SubmissionHost) {
    this.queue = app.docs.queue();
  }

  conflict: { body: ConflictBody; request: SubmissionRequest; choices: Choice[] } | null = null;
  accepted: SubmissionAccepted | null = null;
  invalid: InvalidBody | null = null;
  queue: QueuedSubmission[];

  canSubmit(): StringKey | null {
    const { read, issues, scope, auth } = this.app;
    if (!read) return "submit.needValidate";
    if (summarize(issues).errors) return "submit.blocked";
    if (!scope.province || !scope.unit || !scope.period) return "submit.needUnit";
    if (!auth.account) return "submit.needSignIn";
    return null;
  }

  async submit(): Promise<void> {
    const { read, scope, docs, catalog } = this.app;
    if (!read || this.canSubmit() || !scope.province || !scope.unit || !scope.period) return;
    const full = { province: scope.province, unit: scope.unit, period: scope.period };
    const draft = buildSubmission(read, full, { baseVersion: docs.baseVersion(full.unit, full.period), catalogVersion: catalog.version, workbook: this.app.deps.office.documentUrl || "workbook" });
    const request: SubmissionRequest = { ...draft, source: { ...draft.source, fingerprint: await fingerprint(draft.units) } };
    // The same figures the server already holds make no new version: say so instead of sending.
    const last = docs.lastSent(full.unit, full.period);
    if (last && last.fingerprint === request.source.fingerprint && last.version === docs.baseVersion(full.unit, full.period)) {
      this.accepted = null; this.invalid = null; this.conflict = null;
      this.app.notice = { kind: "info", text: this.app.t("submit.nothingChanged", { version: last.version }) };
      this.app.render();
      return;
    }
    await this.send(request);
  }

  /** Queues first (in the workbook), then sends: a lost connection never loses the submission. */
  async send(request: SubmissionRequest): Promise<void> {
    const item: QueuedSubmission = { idempotencyKey: uuid(), queuedAt: new Date().toISOString(), request };
    this.queue = [...this.queue.filter((q) => !(q.request.unit === request.unit && q.request.period === request.period)), item];
    // Not kept in the workbook (queue full, read-only workbook, over Office's 2 MB): sent all the
    // same, and if it cannot be delivered now the clerk is told it will not survive closing.
    let notKept: string | null = null;
    try { await this.app.docs.setQueue(this.queue); } catch (e) {
      notKept = e instanceof QueueFullError ? this.app.t("submit.queueFull") : this.app.t("submit.notSaved", { reason: e instanceof Error ? e.message : String(e) });
    }
    await this.deliver(item);
    if (notKept && this.queue.includes(item)) { this.app.notice = { kind: "error", text: notKept }; this.app.render(); }
    // A stored submission starts the approval over: the pane shows where it stands now.
    if (this.accepted) await this.app.loadMyApproval();
  }

  async retryQueue(): Promise<void> {
    for (const item of [...this.queue]) await this.deliver(item);
  }

  async discardQueue(): Promise<void> {
    this.queue = [];
    await this.app.docs.setQueue([]);
    this.app.render();
  }

  private async deliver(item: QueuedSubmission): Promise<void> {
    const app = this.app;
    await app.task(app.t("submit.sending"), async () => {
      this.accepted = null; this.invalid = null; this.conflict = null;
      const result = await attempt(app.api(), item);
      this.queue = settle(this.queue, item, result);
      if (result.kind === "kept") {
        app.notice = { kind: "error", text: app.t(result.reason === "network" ? "submit.queued" : "submit.queuedBusy") };
        return;
      }
      await app.docs.setQueue(this.queue);
      if (result.kind === "refused") {
        app.notice = { kind: "error", text: app.explain(result.error), details: result.details.length ? result.details : undefined };
        return;
      }
      const outcome = result.outcome;
      const { unit, period } = item.request;
      switch (outcome.kind) {
        case "accepted":
          this.accepted = outcome.body;
          await app.docs.setBaseVersion(unit, period, outcome.body.version);
          await app.docs.setLastSent(unit, period, { version: outcome.body.version, fingerprint: item.request.source.fingerprint });
          app.notice = { kind: "ok", text: app.t("submit.accepted", { version: outcome.body.version }) };
          // The clerk's confirmed mapping goes to the province for the next unit using this form.
          // A workbook read with the province's mapping offers it too: the province then counts this unit among the form's users.
          if (app.read && app.snapshot) void offerSharedMapping(app.api(), item.request.province, app.read, app.docs.mapping(app.snapshot.grid.name) ?? app.sharedMapping?.mapping);
          break;
        case "conflict":
          this.conflict = { body: outcome.body, request: item.request, choices: outcome.body.conflicts.map(() => "mine") };
          app.notice = { kind: "error", text: app.t("submit.conflictTitle") };
          break;
        case "invalid":
          this.invalid = outcome.body;
          app.notice = { kind: "error", text: app.t("submit.invalid") };
          break;
        case "locked":
          app.notice = { kind: "error", text: app.t("submit.locked") };
          break;
      }
    });
  }

  async resubmitConflict(): Promise<void> {
    if (!this.conflict) return;
    const { body, request, choices } = this.conflict;
    const next = resolveConflicts(request, body.conflicts, choices, body.currentVersion);
    // The server's values the clerk chose go into the sheet first, so the sheet says what will be
    // stored and the next send starts from it (instead of sending the clerk's old value again).
    const read = this.app.read;
    const cells = read && read.sheet === request.source.sheet ? chosenCells(read, body.conflicts, choices) : [];
    if (cells.length && read) {
      let wrote = false;
      await this.app.task(this.app.t("submit.writingChosen"), async () => {
        const r = await this.app.adapter.writeChosen(read.sheet, cells);
        if (r.formulas.length) this.app.notice = { kind: "info", text: this.app.t("submit.chosenFormulas", { cells: r.formulas.join(", ") }) };
        await this.app.sheetWritten();
        wrote = true;
      });
      // Not written (a protected sheet, Excel refused): nothing is sent, the choice stays on screen.
      if (!wrote) return;
    }
    this.conflict = null;
    await this.send({ ...next, source: { ...next.source, fingerprint: await fingerprint(next.units) } });
  }
}
