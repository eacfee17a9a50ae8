// The province's people (the Người dùng tab): who is assigned to the province and its units,
// assigning a person, revoking one. Every change is the server's to allow (operators assign
// province staff; a province's staff assign its clerks) and to audit; the pane checks the fields
// first so a typing slip is named at once, and shows the server's refusals as it words them.
import { AssignmentPut, UserId, type AssignmentsResponse } from "../../../../../shared/contract/index.ts";
import type { SessionPort } from "../../shell/ports.ts";

/** What the people screen needs from the pane. */
export type PeopleHost = Pick<SessionPort, "t" | "task" | "render" | "api" | "notice">;

/** The add form as typed: every field text, checked on the way out. */
export interface PersonDraft { user: string; role: string; unit: string; name: string; email: string; levels: string }

const EMPTY: PersonDraft = { user: "", role: "clerk", unit: "", name: "", email: "", levels: "" };

/** "1, 2" → [1, 2]; anything else is kept as typed, for the contract to refuse and the notice to name. */
function levelsOf(text: string): unknown {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : parts;
}

export class People {
  list: AssignmentsResponse | null = null;
  /** The add form as typed, kept here: the pane redraws after every change, and a refusal must not cost the typing. */
  draft: PersonDraft = { ...EMPTY };
  /** The province code an operator typed (staff pick theirs from a list). */
  province = "";
  /** The user whose revocation waits for a second click. */
  confirmRevoke: string | null = null;

  constructor(private readonly app: PeopleHost) {}

  async load(province: string): Promise<void> {
    const app = this.app;
    await app.task(app.t("people.loading"), async () => {
      this.list = await app.api().assignments(province);
      this.confirmRevoke = null;
      app.notice = { kind: "info", text: this.list.assignments.length ? app.t("people.loaded", { count: this.list.assignments.length }) : app.t("people.none") };
    });
  }

  /** A keystroke in the form: kept, not drawn (the field shows it already). */
  type(field: keyof PersonDraft, value: string): void { this.draft = { ...this.draft, [field]: value }; }

  /** The first field that is not right, as the notice names it; null when the draft can be sent. */
  problem(d: PersonDraft): string | null {
    if (!UserId.safeParse(d.user.trim()).success) return this.app.t("people.bad.user");
    const put = AssignmentPut.safeParse(this.body(d));
    if (put.success) return null;
    const field = String(put.error.issues[0]?.path[0] ?? "unit");
    return this.app.t(field === "role" ? "people.bad.role" : field === "name" ? "people.bad.name" : field === "email" ? "people.bad.email" : field === "levels" ? "people.bad.levels" : "people.bad.unit");
  }

  private body(d: PersonDraft) {
    // Approval levels are province staff's (an operator gives them); a clerk's form sends none.
    const levels = d.role === "province" && d.levels.trim() ? { levels: levelsOf(d.levels) } : {};
    return { role: d.role, unit: d.unit.trim().toUpperCase(), ...(d.name.trim() ? { name: d.name.trim() } : {}), ...(d.email.trim() ? { email: d.email.trim() } : {}), ...levels };
  }

  async add(province: string): Promise<void> {
    const app = this.app, d = this.draft;
    const bad = this.problem(d);
    if (bad) { app.notice = { kind: "error", text: bad }; app.render(); return; }
    const body = AssignmentPut.parse(this.body(d));
    const user = d.user.trim();
    await app.task(app.t("people.adding"), async () => {
      const r = await app.api().putAssignment(province, user, body);
      this.list = await app.api().assignments(province);
      const a = r.assignment!;
      this.draft = { ...EMPTY };
      app.notice = { kind: "ok", text: app.t("people.added", { user, role: app.t(a.role === "province" ? "people.role.province" : "people.role.clerk"), unit: a.unitName ? `${a.unit} (${a.unitName})` : a.unit }) };
    });
  }

  /** The first click asks; the second, on the same person, revokes. */
  async revoke(province: string, user: string): Promise<void> {
    const app = this.app;
    if (this.confirmRevoke !== user) { this.confirmRevoke = user; app.render(); return; }
    this.confirmRevoke = null;
    await app.task(app.t("people.revoking"), async () => {
      await app.api().revokeAssignment(province, user);
      this.list = await app.api().assignments(province);
      app.notice = { kind: "ok", text: app.t("people.revoked", { user }) };
    });
  }

  cancelRevoke(): void {
    this.confirmRevoke = null;
    this.app.render();
  }
}
