import type { TableClient, TransactionAction } from "@azure/data-tables";
import { createHash, randomUUID } from "node:crypto";
import { getCatalog, unitsValidIn } from "../../shared/index.ts";
import {
  contestedCells, mergeSubmission, sameCellValue, valueAt,
  type Cell, type ConflictBody, type ValuesByUnit, type HistoryEntry, type Stamps, type SubmissionAccepted, type SubmissionRequest,
} from "../../shared/contract/index.ts";
import { answerEntity, readAnswer, type StoredAnswer } from "../store/idempotency.ts";
import { unitEntity, listUnitStates, readUnitRow, type UnitRowState, type StoredUnit } from "../store/units.ts";
import { historyEntity, readHistory } from "../store/history.ts";
import { readMeta, touchMeta } from "../store/periods.ts";
import { readCalendar, readTargets } from "../store/reference.ts";
import { assertUnitClerk } from "./access.ts";
import type { Principal } from "./auth.ts";
import { ApiError, fail } from "./errors.ts";
import { unitNodes } from "./province-rollup.ts";
import { buildRollup, unitNode } from "./rollup.ts";
import { validateSubmission } from "./validation.ts";
import { earlierValues } from "./earlier-values.ts";
import { requireRegistry } from "./province-registry.ts";
import { lostRace } from "../store/query.ts";

export interface Answer {
  status: number;
  /** The answer's JSON: serialised once, sent as is and, for a 200, stored as is. */
  text: string;
  replayed: boolean;
}

/** Attempts when another submission for the same unit commits between our read and our write. */
const MAX_ATTEMPTS = 16;

function requestHash(req: SubmissionRequest): string {
  return createHash("sha256").update(JSON.stringify(req)).digest("base64url");
}


/**
 * The data set of each reporting unit's version this instance wrote or read, so that a submission needs
 * only the listing of unit rows (versions and ETags) and not a read of its own payload. A
 * version's values never change; the submission id guards against a partition rebuilt with the
 * same version numbers. The ETag always comes from storage, never from here.
 */
interface UnitData { version: number; lastSubmissionId: string; firstSubmittedAt: string; lastSubmittedAt: string; lastUser: string; values: ValuesByUnit; stamps: Stamps }
const dataCache = new Map<string, UnitData>();
const MAX_CACHED = 5_000;

function remember(key: string, d: UnitData): void {
  dataCache.delete(key);
  if (dataCache.size >= MAX_CACHED) dataCache.delete(dataCache.keys().next().value!);
  dataCache.set(key, d);
}

/** Own row from the listing, and its payload from the cache or, on a miss, one point read. */
async function currentOf(t: TableClient, req: SubmissionRequest, listed: UnitRowState | undefined, cacheKey: string): Promise<{ state: UnitRowState | null; current: StoredUnit | null }> {
  if (!listed) return { state: null, current: null };
  if (listed.version === 0) return { state: listed, current: null };
  const hit = dataCache.get(cacheKey);
  if (hit && hit.version === listed.version && hit.lastSubmissionId === listed.lastSubmissionId && listed.etag) {
    return { state: listed, current: { unit: req.unit, ...hit, etag: listed.etag } };
  }
  const { state, stored } = await readUnitRow(t, req.province, req.period, req.unit);
  if (stored) remember(cacheKey, stored);
  return { state: state.etag ? state : null, current: stored };
}

const serialise = (status: number, body: unknown): Answer => ({ status, text: JSON.stringify(body), replayed: false });

/**
 * Accepts one submission: access, validation, then read–merge–commit in one entity-group
 * transaction: the unit's row guarded by its ETag (or created), the history row, the
 * idempotency answer (created: a second commit with the same key fails), and on the unit's
 * first submission the period mark. A lost race re-reads and merges again against the newer state.
 *
 * Reads: one listing of the period's unit rows (versions, lock flags, ETags: the rollup needs
 * the other units' versions anyway) and, only when this instance has not seen the unit's
 * current version, a point read of it. The idempotency record is read only when the answer would
 * not be a commit, or after a failed commit: a retry of a committed submission fails its create
 * and is then answered from the record. The lock is the flag on the unit's row (setLock), so
 * the same ETag that guards the merge guards against a lock landing mid-flight.
 */
export async function submit(t: TableClient, who: Principal, req: SubmissionRequest, idemKey: string): Promise<Answer> {
  const catalog = getCatalog();
  const everUnits = await requireRegistry(t, req.province);
  assertUnitClerk(who, req.province, req.unit, everUnits);
  const registry = unitsValidIn(everUnits, req.period);
  const [targets, history, calendar] = await Promise.all([readTargets(t, req.province), earlierValues(t, req.province, req.unit, req.period, everUnits), readCalendar(t, req.province)]);
  const issues = validateSubmission(req, catalog, registry, targets, history, everUnits);
  const warnings = issues.filter((i) => i.severity !== "error");
  const hash = requestHash(req);
  const key = { unit: req.unit, user: who.user, key: idemKey };
  const cacheKey = `${req.province}|${req.period}|${req.unit}`;

  const replay = (previous: StoredAnswer): Answer => {
    if (previous.requestHash !== hash) {
      throw new ApiError(422, "idempotency_key_reused", {
        vi: "Khóa Idempotency-Key này đã được dùng cho một lần nộp khác; hãy dùng khóa mới.",
        en: "This Idempotency-Key was already used for a different submission; use a new key.",
      });
    }
    return { status: previous.status, text: previous.text, replayed: true };
  };
  let answerChecked = false;
  /** A refusal computed from current state is the answer unless this key already has one. */
  const unlessReplay = async (refusal: () => Answer): Promise<Answer> => {
    if (!answerChecked) {
      const previous = await readAnswer(t, req.province, req.period, key);
      answerChecked = true;
      if (previous) return replay(previous);
    }
    return refusal();
  };

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [rows, previous] = await Promise.all([
      listUnitStates(t, req.province, req.period),
      attempt > 0 ? readAnswer(t, req.province, req.period, key) : Promise.resolve(null),
    ]);
    if (attempt > 0) answerChecked = true;
    if (previous) return replay(previous);
    const { state, current } = await currentOf(t, req, rows.find((r) => r.unit === req.unit), cacheKey);
    // No row at all: a unit added to the registry after a lock has no flag, so META decides.
    const locked = state ? state.locked : (await readMeta(t, req.province, req.period)).locked;
    if (locked) return unlessReplay(() => { throw fail.locked(req.period); });
    if (state?.approved) return unlessReplay(() => { throw fail.approved(req.period); });

    const currentVersion = current?.version ?? 0;
    const base = req.baseVersion ?? 0;
    if (base > currentVersion) {
      const body: ConflictBody = {
        error: "conflict", currentVersion, conflicts: [],
        message: { vi: `Phiên bản gốc ${base} mới hơn phiên bản đang lưu (${currentVersion}); hãy tải lại số liệu.`, en: `Base version ${base} is newer than the stored version ${currentVersion}; reload the data.` },
      };
      return unlessReplay(() => serialise(409, body));
    }
    const values = current?.values ?? {};
    const stamps = current?.stamps ?? {};
    const input = { mode: req.mode, baseVersion: base, units: req.units, same: sameCellValue(catalog) };
    const contested = contestedCells(values, stamps, input);
    const since = contested.length ? await readHistory(t, req.province, req.period, req.unit, { sinceVersion: base }) : [];
    const nextVersion = currentVersion + 1;
    const merged = mergeSubmission(values, stamps, input, nextVersion, (u, k) => valueAt(cellOf(values, u, k), since, u, k, base));
    if (merged.conflicts.length) {
      const body: ConflictBody = {
        error: "conflict", currentVersion, conflicts: merged.conflicts,
        message: {
          vi: `${merged.conflicts.length} giá trị đã được người khác sửa sau phiên bản ${base}; chưa lưu gì. Hãy xem và chọn giá trị đúng rồi nộp lại.`,
          en: `${merged.conflicts.length} value(s) were changed by someone else since version ${base}; nothing was stored. Review them and submit again.`,
        },
      };
      return unlessReplay(() => serialise(409, body));
    }

    if (current && merged.changes.length === 0) {
      // Nothing differs from what is stored: a new version would only drop the unit's "complete"
      // mark and count as a change after approval. Only the answer is kept, for retries.
      const now = new Date();
      const same = { unit: req.unit, version: current.version, lastSubmissionId: current.lastSubmissionId, firstSubmittedAt: current.firstSubmittedAt, lastSubmittedAt: current.lastSubmittedAt, values: current.values };
      const others = await unitNodes(t, catalog, registry, req.province, req.period, rows.filter((r) => r.version > 0 && r.unit !== req.unit));
      const rollup = buildRollup({
        catalog, province: req.province, period: req.period, registry, targets,
        stored: [...others, { ...same, node: unitNode(catalog, registry, req.period, same) }], locked: false, calendar, now,
      });
      const body: SubmissionAccepted = { submissionId: current.lastSubmissionId, version: current.version, unchanged: true, summary: merged.summary, warnings, rollup };
      const answer = serialise(200, body);
      try {
        await t.createEntity(answerEntity(req.province, req.period, key, { requestHash: hash, status: 200, text: answer.text }, now));
      } catch (e) {
        // A concurrent retry with the same key stored its answer first: that answer is the one.
        if (!lostRace(e)) throw e;
        const first = await readAnswer(t, req.province, req.period, key);
        if (first) return replay(first);
      }
      return answer;
    }

    // Strictly increasing per unit, so reverse-tick history keys stay in version order.
    const now = new Date(Math.max(Date.now(), current ? new Date(current.lastSubmittedAt).getTime() + 1 : 0));
    const at = now.toISOString();
    const submissionId = randomUUID();
    const next = {
      unit: req.unit, version: nextVersion, firstSubmittedAt: current?.firstSubmittedAt ?? at, lastSubmittedAt: at,
      lastSubmissionId: submissionId, lastUser: who.user, values: merged.values, stamps: merged.stamps,
    };
    // Replacing the row drops a "complete" or "returned" mark (changed data is marked again), not the first approval.
    const stored = { ...next, firstApprovedVersion: state?.firstApprovedVersion ?? null };
    const others = await unitNodes(t, catalog, registry, req.province, req.period, rows.filter((r) => r.version > 0 && r.unit !== req.unit));
    const rollup = buildRollup({
      catalog, province: req.province, period: req.period, registry, targets,
      stored: [...others, { ...next, node: unitNode(catalog, registry, req.period, next) }],
      locked: false, calendar, now,
    });
    const body: SubmissionAccepted = { submissionId, version: nextVersion, unchanged: false, summary: merged.summary, warnings, rollup };
    const answer = serialise(200, body);
    const entry: HistoryEntry = { submissionId, version: nextVersion, user: who.user, at, mode: req.mode, summary: merged.summary, source: req.source, changes: merged.changes };
    const row = unitEntity(req.province, req.period, stored);
    const actions: TransactionAction[] = [
      state?.etag ? ["update", row, "Replace", { etag: state.etag }] : ["create", row],
      ["create", historyEntity(req.province, req.period, req.unit, entry)],
      ["create", answerEntity(req.province, req.period, key, { requestHash: hash, status: 200, text: answer.text }, now)],
    ];
    if (!current) actions.push(["upsert", touchMeta(req.province, req.period), "Merge"]);
    try {
      await t.submitTransaction(actions);
      remember(cacheKey, next);
      return answer;
    } catch (e) {
      if (!lostRace(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt + 1, 8)));
    }
  }
  throw new ApiError(503, "storage_unavailable", {
    vi: "Đơn vị báo cáo này đang có nhiều lần nộp cùng lúc; vui lòng thử lại.",
    en: "Too many simultaneous submissions for this reporting unit; please retry.",
  }, {}, { "Retry-After": "1" });
}

function cellOf(values: Record<string, Record<string, number | string>>, u: string, k: string): Cell {
  return Object.prototype.hasOwnProperty.call(values, u) && Object.prototype.hasOwnProperty.call(values[u]!, k) ? values[u]![k]! : null;
}
