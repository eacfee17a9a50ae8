import type { TableClient, TransactionAction } from "@azure/data-tables";
import { createHash, randomUUID } from "node:crypto";
import { getCatalog } from "../../shared/index.ts";
import {
  contestedCells, mergeSubmission, valueAt,
  type Cell, type ConflictBody, type HistoryEntry, type SubmissionAccepted, type SubmissionRequest,
} from "../../shared/contract/index.ts";
import { answerEntity, readAnswer } from "../store/idempotency.ts";
import { districtEntity, readDistrict } from "../store/districts.ts";
import { historyEntity, readHistory } from "../store/history.ts";
import { readMeta, touchMeta } from "../store/periods.ts";
import { readOrgUnits, readTargets } from "../store/reference.ts";
import { assertDistrictClerk } from "./access.ts";
import type { Principal } from "./auth.ts";
import { ApiError, fail } from "./errors.ts";
import { districtNodes } from "./consolidation.ts";
import { buildRollup, districtNode } from "./rollup.ts";
import { settings } from "./settings.ts";
import { validateSubmission } from "./validation.ts";

export interface Answer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** Attempts when another submission for the same district commits between our read and our write. */
const MAX_ATTEMPTS = 16;

function requestHash(req: SubmissionRequest): string {
  return createHash("sha256").update(JSON.stringify(req)).digest("base64url");
}

function isRace(e: unknown): boolean {
  const s = (e as { statusCode?: number }).statusCode;
  return s === 412 || s === 409;
}

/**
 * Accepts one submission: access, validation, then read–merge–commit in one entity-group
 * transaction (district entity guarded by its ETag, history row, idempotency answer, period mark).
 * A lost race re-reads and merges again against the newer state.
 */
export async function submit(t: TableClient, who: Principal, req: SubmissionRequest, idemKey: string): Promise<Answer> {
  const catalog = getCatalog();
  const registry = await readOrgUnits(t, req.province);
  if (!registry) throw fail.notFound(`Province ${req.province} has no registry.`, `Tỉnh ${req.province} chưa có danh mục đơn vị.`);
  assertDistrictClerk(who, req.province, req.district, registry);
  const targets = await readTargets(t, req.province);
  const issues = validateSubmission(req, catalog, registry, targets);
  const warnings = issues.filter((i) => i.severity !== "error");
  const hash = requestHash(req);
  const key = { district: req.district, user: who.user, key: idemKey };

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [previous, meta, current] = await Promise.all([
      readAnswer(t, req.province, req.period, key),
      readMeta(t, req.province, req.period),
      readDistrict(t, req.province, req.period, req.district),
    ]);
    if (previous) {
      if (previous.requestHash !== hash) {
        throw new ApiError(422, "idempotency_key_reused", {
          vi: "Khóa Idempotency-Key này đã được dùng cho một lần nộp khác; hãy dùng khóa mới.",
          en: "This Idempotency-Key was already used for a different submission; use a new key.",
        });
      }
      return { status: previous.status, body: previous.body, replayed: true };
    }
    if (meta.locked) throw fail.locked(req.period);

    const currentVersion = current?.version ?? 0;
    const base = req.baseVersion ?? 0;
    if (base > currentVersion) {
      const body: ConflictBody = {
        error: "conflict", currentVersion, conflicts: [],
        message: { vi: `Phiên bản gốc ${base} mới hơn phiên bản đang lưu (${currentVersion}); hãy tải lại số liệu.`, en: `Base version ${base} is newer than the stored version ${currentVersion}; reload the data.` },
      };
      return { status: 409, body, replayed: false };
    }
    const values = current?.values ?? {};
    const stamps = current?.stamps ?? {};
    const input = { mode: req.mode, baseVersion: base, units: req.units };
    const contested = contestedCells(values, stamps, input);
    const since = contested.length ? await readHistory(t, req.province, req.period, req.district, { sinceVersion: base }) : [];
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
      return { status: 409, body, replayed: false };
    }

    // Strictly increasing per district, so reverse-tick history keys stay in version order.
    const now = new Date(Math.max(Date.now(), current ? new Date(current.lastSubmittedAt).getTime() + 1 : 0));
    const at = now.toISOString();
    const submissionId = randomUUID();
    const next = {
      district: req.district, version: nextVersion, firstSubmittedAt: current?.firstSubmittedAt ?? at, lastSubmittedAt: at,
      lastSubmissionId: submissionId, lastUser: who.user, values: merged.values, stamps: merged.stamps,
    };
    const others = await districtNodes(t, catalog, registry, req.province, req.period, req.district);
    const rollup = buildRollup({
      catalog, province: req.province, period: req.period, registry, targets,
      districts: [...others, { ...next, node: districtNode(catalog, registry, req.period, next) }],
      locked: false, graceDays: settings().graceDays, now,
    });
    const body: SubmissionAccepted = { submissionId, version: nextVersion, summary: merged.summary, warnings, rollup };
    const entry: HistoryEntry = { submissionId, version: nextVersion, user: who.user, at, mode: req.mode, summary: merged.summary, source: req.source, changes: merged.changes };
    const actions: TransactionAction[] = [
      current ? ["update", districtEntity(req.province, req.period, next), "Replace", { etag: current.etag }] : ["create", districtEntity(req.province, req.period, next)],
      ["create", historyEntity(req.province, req.period, req.district, entry)],
      ["create", answerEntity(req.province, req.period, key, { requestHash: hash, status: 200, body })],
      ["upsert", touchMeta(req.province, req.period), "Merge"],
    ];
    try {
      await t.submitTransaction(actions);
      return { status: 200, body, replayed: false };
    } catch (e) {
      if (!isRace(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt + 1, 8)));
    }
  }
  throw new ApiError(503, "storage_unavailable", {
    vi: "Huyện này đang có nhiều lần nộp cùng lúc; vui lòng thử lại.",
    en: "Too many simultaneous submissions for this district; please retry.",
  }, {}, { "Retry-After": "1" });
}

function cellOf(values: Record<string, Record<string, number | string>>, u: string, k: string): Cell {
  return Object.prototype.hasOwnProperty.call(values, u) && Object.prototype.hasOwnProperty.call(values[u]!, k) ? values[u]![k]! : null;
}
