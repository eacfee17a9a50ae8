import { randomUUID } from "node:crypto";
import type { AssignmentAuditEntry } from "../../shared/contract/index.ts";
import type { AssignmentFields, StoredAssignment } from "../store/assignment-admin.ts";
import type { Principal } from "./auth.ts";

/** A live assignment's fields, or null (none, or revoked): what a change record calls before and after. */
export const fieldsOf = (a: StoredAssignment | null): AssignmentFields | null =>
  a && a.role !== "revoked" ? { role: a.role, unit: a.unit, name: a.name, email: a.email, ...(a.levels?.length ? { levels: a.levels } : {}) } : null;

export function auditEntry(who: Principal, action: "put" | "revoke", user: string, before: AssignmentFields | null, after: AssignmentFields | null): AssignmentAuditEntry {
  return { id: randomUUID(), at: new Date().toISOString(), by: who.user, byName: who.displayName, action, user, before, after };
}
