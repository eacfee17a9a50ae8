import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { AssignmentAuditEntry } from "../../shared/contract/index.ts";
import { auditRowKey, type AssignmentFields, type StoredAssignment } from "./assignment-admin.ts";
import { pack } from "./chunks.ts";
import { keyPart, pk } from "./keys.ts";
import { all, lostRace, one } from "./query.ts";
import { PEOPLE_FILTER } from "./assignment-admin.ts";

/** A person's row as stored, every property kept, so an undone import puts it back exactly. */
export interface RawAssignment { stored: StoredAssignment; props: Record<string, unknown> }

/** Every person's row of the assignment partition, by user id, with its ETag (one listing, not a read per row). */
export async function readAllAssignments(t: TableClient): Promise<Map<string, RawAssignment>> {
  const rows = await all<Record<string, unknown>>(t, PEOPLE_FILTER);
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  const out = new Map<string, RawAssignment>();
  for (const r of rows) {
    const { partitionKey: _p, rowKey, etag, timestamp: _t, ...props } = r as Record<string, unknown> & { rowKey: string; etag: string };
    out.set(rowKey, { stored: { etag, role: String(r.role ?? ""), unit: String(r.unit ?? ""), name: str(r.name), email: str(r.email) }, props });
  }
  return out;
}

export interface ImportChange { user: string; next: AssignmentFields; before: RawAssignment | null; entry: AssignmentAuditEntry }

/** The people's rows changed meanwhile: nothing of the import stays written. */
export class ImportConflict extends Error {}

/**
 * Table Storage's transactions hold 100 entities of one partition: a person's row and its
 * record are two, so 50 people a transaction. An import of at most 50 is one transaction;
 * a larger one is written in transactions of 50, each guarded by the ETags read before the
 * import was checked, and if any fails every transaction already written is undone (each row
 * put back as it was under the ETag this import wrote, its record removed), so the import is
 * all or nothing. A row someone else changed in between is left as they set it.
 */
const PER_TRANSACTION = 50;

export async function writeImport(t: TableClient, province: string, changes: readonly ImportChange[]): Promise<void> {
  const done: { change: ImportChange; etag: string | null; auditKey: string }[][] = [];
  for (let i = 0; i < changes.length; i += PER_TRANSACTION) {
    const chunk = changes.slice(i, i + PER_TRANSACTION);
    const actions: TransactionAction[] = [];
    const keys: string[] = [];
    for (const c of chunk) {
      const key = { partitionKey: pk.assign, rowKey: keyPart(c.user) };
      const entity = { ...key, role: c.next.role, unit: c.next.unit, name: c.next.name ?? "", province, ...(c.next.email ? { email: c.next.email } : {}) };
      actions.push(c.before ? ["update", entity, "Replace", { etag: c.before.stored.etag }] : ["create", entity]);
      const auditKey = auditRowKey(province, c.entry);
      keys.push(auditKey);
      actions.push(["create", { partitionKey: pk.assign, rowKey: auditKey, ...pack("a", c.entry) }]);
    }
    try {
      const r = await t.submitTransaction(actions);
      const etags = new Map((r.subResponses ?? []).map((s) => [s.rowKey, s.etag ?? null] as const));
      done.push(chunk.map((change, j) => ({ change, etag: etags.get(keyPart(change.user)) ?? null, auditKey: keys[j]! })));
    } catch (e) {
      await undo(t, done.flat());
      if (lostRace(e)) throw new ImportConflict("assignments changed during the import");
      throw e;
    }
  }
}

async function undo(t: TableClient, written: readonly { change: ImportChange; etag: string | null; auditKey: string }[]): Promise<void> {
  for (const w of written) {
    const rowKey = keyPart(w.change.user);
    // The ETag this import wrote (or, if the answer lacked it, the row's when it still holds what
    // this import wrote): never undo someone else's change blindly.
    let etag = w.etag;
    if (!etag) {
      const now = await one<Record<string, unknown>>(t, pk.assign, rowKey).catch(() => null);
      if (now && now.role === w.change.next.role && now.unit === w.change.next.unit && (now.name ?? "") === (w.change.next.name ?? "") && (now.email ?? null) === (w.change.next.email ?? null)) etag = String(now.etag);
    }
    if (etag) {
      const guard = { etag };
      if (w.change.before) await t.updateEntity({ partitionKey: pk.assign, rowKey, ...w.change.before.props }, "Replace", guard).catch(() => undefined);
      else await t.deleteEntity(pk.assign, rowKey, guard).catch(() => undefined);
    }
    await t.deleteEntity(pk.assign, w.auditKey).catch(() => undefined);
  }
}
