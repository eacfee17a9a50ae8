import { createHash } from "node:crypto";
import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import { MappingOffer, type SharedMappingRequest } from "../../shared/contract/index.ts";
import { SavedMapping } from "../../shared/index.ts";
import { z } from "zod";
import { keyPart, pk, prefixEnd } from "./keys.ts";
import { all, lostRace, one, writeIfUnchanged } from "./query.ts";

/**
 * Clerks' mapping offers waiting for the province's review, beside the accepted mappings in the
 * province's MAP partition (row key Q|<offer id>), so accepting writes the offer's state and the
 * served mapping in one transaction. The offer row is its own audit record: what was offered, by
 * whom and when, and who accepted or rejected it when. A rejected offer stays rejected: offering
 * it again does not bring it back to the queue.
 */
export interface OfferRow { fingerprint: string; mapping: string; headers: string; kind: string; sheet: string; by: string; unit: string; at: string; units: string; state: string; reviewedBy: string; reviewedAt: string }

const OFFER_PREFIX = "Q|";
/**
 * The queue's guard row (sorts before every offer and is neither an offer nor a mapping): each
 * write that adds a pending offer replaces it in the same transaction, guarded by its ETag, so
 * two offers arriving together cannot both pass the limit on one count.
 */
const QUEUE_GUARD = "Q!";
const MAX_UNITS_CHARS = 30_000;
const rowKeyOf = (id: string) => `${OFFER_PREFIX}${keyPart(id)}`;

/** Same form, same choices → same id, whichever unit offers it (keys sorted so their order does not matter). */
export function offerId(fingerprint: string, kind: string, mapping: SavedMapping): string {
  const canonical = JSON.stringify([fingerprint, kind, sameMappingKey(mapping)]);
  return `o${createHash("sha256").update(canonical).digest("hex").slice(0, 16)}`;
}

/** A mapping's content independent of key order, to tell an offer that changes nothing. */
export function sameMappingKey(mapping: SavedMapping): string {
  return JSON.stringify(Object.keys(mapping).sort().map((k) => [k, mapping[k]]));
}

function unitsOf(s: string | undefined): string[] {
  try { return z.array(z.string()).parse(JSON.parse(s || "[]")); } catch { return []; }
}

export function withUnit(s: string | undefined, unit: string | null): string {
  const units = unitsOf(s);
  if (unit && !units.includes(unit)) {
    const next = JSON.stringify([...units, unit].sort());
    if (next.length <= MAX_UNITS_CHARS) return next;
  }
  return JSON.stringify(units);
}

function fromRow(id: string, r: OfferRow): MappingOffer {
  return MappingOffer.parse({
    id, fingerprint: r.fingerprint, mapping: SavedMapping.parse(JSON.parse(r.mapping)), headers: z.array(z.string()).parse(JSON.parse(r.headers)),
    kind: r.kind, sheet: r.sheet || null, by: r.by, unit: r.unit || null, at: r.at, units: unitsOf(r.units),
    state: r.state, reviewedBy: r.reviewedBy || null, reviewedAt: r.reviewedAt || null,
  });
}

export async function listOffers(t: TableClient, province: string): Promise<MappingOffer[]> {
  const rows = await all<OfferRow>(t, odata`PartitionKey eq ${pk.mappings(province)} and RowKey ge ${OFFER_PREFIX} and RowKey lt ${prefixEnd(OFFER_PREFIX)}`);
  // Pending first (what the staff must act on), then newest first.
  return rows.map((r) => fromRow(r.rowKey!.slice(OFFER_PREFIX.length), r))
    .sort((a, b) => Number(b.state === "pending") - Number(a.state === "pending") || b.at.localeCompare(a.at));
}

/** How many offers may wait for review at once (functions/lib/settings.ts `mappingOffers`). */
export interface OfferLimits { perProvince: number; perClerk: number }

/** Queuing the offer would pass a limit on pending offers; nothing was written. */
export class OfferLimitReached extends Error {
  constructor(readonly scope: "province" | "clerk", readonly limit: number, readonly pending: number) { super(`pending mapping offers: ${scope} limit ${limit}`); }
}

async function pendingCounts(t: TableClient, partition: string, user: string): Promise<{ province: number; clerk: number }> {
  const rows = await all<{ by: string }>(t, odata`PartitionKey eq ${partition} and RowKey ge ${OFFER_PREFIX} and RowKey lt ${prefixEnd(OFFER_PREFIX)} and state eq ${"pending"}`, ["by"]);
  return { province: rows.length, clerk: rows.filter((r) => r.by === user).length };
}

/**
 * Writes an offer row that is (again) pending, after counting what already waits: false when
 * another write came first (the caller reads again), OfferLimitReached when a limit is reached.
 */
async function writePending(t: TableClient, key: { partitionKey: string; rowKey: string }, row: OfferRow, etag: string | undefined, limits: OfferLimits): Promise<boolean> {
  const guardKey = { partitionKey: key.partitionKey, rowKey: QUEUE_GUARD };
  const guard = await one<{ at: string }>(t, guardKey.partitionKey, guardKey.rowKey);
  const n = await pendingCounts(t, key.partitionKey, row.by);
  if (n.province >= limits.perProvince) throw new OfferLimitReached("province", limits.perProvince, n.province);
  if (n.clerk >= limits.perClerk) throw new OfferLimitReached("clerk", limits.perClerk, n.clerk);
  const stamp = { ...guardKey, at: row.at };
  const actions: TransactionAction[] = [
    etag === undefined ? ["create", { ...key, ...row }] : ["update", { ...key, ...row }, "Replace", { etag }],
    guard ? ["update", stamp, "Replace", { etag: guard.etag }] : ["create", stamp],
  ];
  try {
    await t.submitTransaction(actions);
    return true;
  } catch (e) {
    if (lostRace(e)) return false;
    throw e;
  }
}

/**
 * Queues a clerk's offer (or counts the unit on the same offer already queued). An offer accepted
 * once but since replaced by the province comes back to the queue; a rejected one stays rejected.
 */
export async function queueOffer(t: TableClient, province: string, fingerprint: string, body: SharedMappingRequest, who: { user: string; unit: string | null }, limits: OfferLimits): Promise<MappingOffer> {
  const id = offerId(fingerprint, body.kind, body.mapping);
  const key = { partitionKey: pk.mappings(province), rowKey: rowKeyOf(id) };
  // Each round at least one concurrent writer wins, and once the queue is full the rest are refused on the count.
  for (let attempt = 0; attempt < 50; attempt++) {
    const existing = await one<OfferRow>(t, key.partitionKey, key.rowKey);
    if (!existing) {
      const row: OfferRow = {
        fingerprint, mapping: JSON.stringify(body.mapping), headers: JSON.stringify(body.headers), kind: body.kind, sheet: body.sheet ?? "",
        by: who.user, unit: who.unit ?? "", at: new Date().toISOString(), units: withUnit("[]", who.unit), state: "pending", reviewedBy: "", reviewedAt: "",
      };
      if (await writePending(t, key, row, undefined, limits)) return fromRow(id, row);
      continue;
    }
    const next: OfferRow = { ...pick(existing), units: withUnit(existing.units, who.unit) };
    if (existing.state === "accepted") {
      Object.assign(next, { state: "pending", reviewedBy: "", reviewedAt: "", by: who.user, unit: who.unit ?? "", at: new Date().toISOString() });
      if (await writePending(t, key, next, existing.etag, limits)) return fromRow(id, next);
      continue;
    }
    // Still pending (another unit offers the same) or rejected: no new work for the reviewers.
    if (sameRow(next, existing) || await writeIfUnchanged(t, key, next, existing.etag)) return fromRow(id, next);
  }
  throw new Error("mapping offer: too many concurrent writes");
}

/** The offer was reviewed already, or changed while it was being reviewed. */
export class OfferNotPending extends Error {
  constructor(readonly offer: MappingOffer) { super("offer not pending"); }
}

/**
 * Accepts or rejects a pending offer. Accepting replaces the form's served mapping in the same
 * transaction as the offer's new state, both guarded by the ETags read: a concurrent review or a
 * province edit makes one of them fail and nothing is written.
 */
export async function reviewOffer<T extends object>(
  t: TableClient, province: string, id: string, decision: "accept" | "reject", reviewer: string,
  mappingRow: (offer: OfferRow, current: Record<string, unknown> | null, at: string) => T,
): Promise<{ offer: MappingOffer; accepted: T | null } | null> {
  const key = { partitionKey: pk.mappings(province), rowKey: rowKeyOf(id) };
  const existing = await one<OfferRow>(t, key.partitionKey, key.rowKey);
  if (!existing) return null;
  if (existing.state !== "pending") throw new OfferNotPending(fromRow(id, existing));
  const at = new Date().toISOString();
  const next: OfferRow = { ...pick(existing), state: decision === "accept" ? "accepted" : "rejected", reviewedBy: reviewer, reviewedAt: at };
  const actions: TransactionAction[] = [["update", { ...key, ...next }, "Replace", { etag: existing.etag }]];
  let accepted: T | null = null;
  if (decision === "accept") {
    const mapKey = { partitionKey: key.partitionKey, rowKey: keyPart(existing.fingerprint) };
    const current = await one<Record<string, unknown>>(t, mapKey.partitionKey, mapKey.rowKey);
    accepted = mappingRow(existing, current, at);
    const entity = { ...mapKey, ...accepted };
    actions.push(current ? ["update", entity, "Replace", { etag: current.etag as string }] : ["create", entity]);
  }
  try {
    await t.submitTransaction(actions);
  } catch (e) {
    if (lostRace(e)) throw new OfferNotPending(fromRow(id, (await one<OfferRow>(t, key.partitionKey, key.rowKey)) ?? existing));
    throw e;
  }
  return { offer: fromRow(id, next), accepted };
}

function pick(r: OfferRow): OfferRow {
  return { fingerprint: r.fingerprint, mapping: r.mapping, headers: r.headers, kind: r.kind, sheet: r.sheet, by: r.by, unit: r.unit, at: r.at, units: r.units ?? "[]", state: r.state, reviewedBy: r.reviewedBy ?? "", reviewedAt: r.reviewedAt ?? "" };
}

function sameRow(a: OfferRow, b: OfferRow): boolean {
  return JSON.stringify(a) === JSON.stringify(pick(b));
}

