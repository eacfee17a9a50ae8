import { odata, type TableClient } from "@azure/data-tables";
import { SharedMapping, type SharedMappingRequest } from "../../shared/contract/index.ts";
import { SavedMapping } from "../../shared/index.ts";
import { z } from "zod";
import { keyPart, pk } from "./keys.ts";
import { all, one, writeIfUnchanged } from "./query.ts";
import { queueOffer, sameMappingKey, type OfferLimits, type OfferRow } from "./mapping-offers.ts";
import type { MappingOffer } from "../../shared/contract/index.ts";

/**
 * Shared column mappings, one entity per form fingerprint in the province's partition: only
 * accepted mappings live here (set by province staff, or a clerk's offer they accepted). A clerk's
 * offer that differs from it, or is the form's first, is queued for review (mapping-offers.ts);
 * the same mapping offered again only counts the unit among its users. JSON properties stay far
 * below the 64 KiB string limit (checked by the caller).
 */
export interface Row { mapping: string; headers: string; kind: string; sheet: string; source: string; by: string; unit: string; at: string; units?: string; offer?: string; reviewedBy?: string }

/** The units list stays well under Table Storage's 64 KiB string limit (a province has a few hundred units). */
const MAX_UNITS_CHARS = 30_000;

function unitsOf(r: Pick<Row, "units">): string[] {
  try { return z.array(z.string()).parse(JSON.parse(r.units || "[]")); } catch { return []; }
}

/** The units list with `unit` added (when there is room). */
function withUnit(r: Pick<Row, "units">, unit: string | null): string {
  const units = unitsOf(r);
  if (unit && !units.includes(unit)) {
    const next = JSON.stringify([...units, unit].sort());
    if (next.length <= MAX_UNITS_CHARS) return next;
  }
  return JSON.stringify(units);
}

/** Another person saved the mapping after the one the caller edited. */
export class MappingChanged extends Error {
  constructor(readonly current: SharedMapping | null) { super("mapping changed"); }
}

function fromRow(province: string, fingerprint: string, r: Row): SharedMapping {
  return {
    province, fingerprint,
    mapping: SavedMapping.parse(JSON.parse(r.mapping)),
    headers: z.array(z.string()).parse(JSON.parse(r.headers)),
    kind: r.kind, sheet: r.sheet || null, source: r.source === "province" ? "province" : "clerk", by: r.by, unit: r.unit || null, at: r.at,
    units: unitsOf(r),
  };
}

export async function readMapping(t: TableClient, province: string, fingerprint: string): Promise<SharedMapping | null> {
  const r = await one<Row>(t, pk.mappings(province), keyPart(fingerprint));
  return r ? fromRow(province, fingerprint, r) : null;
}

export async function listMappings(t: TableClient, province: string): Promise<SharedMapping[]> {
  // Fingerprints start with "f"; offers (Q|…) share the partition and are not served.
  const rows = await all<Row>(t, odata`PartitionKey eq ${pk.mappings(province)} and RowKey ge ${"f"} and RowKey lt ${"g"}`);
  return rows.map((r) => fromRow(province, r.rowKey!, r)).sort((a, b) => b.at.localeCompare(a.at));
}

export async function saveMapping(
  t: TableClient, province: string, fingerprint: string, body: SharedMappingRequest,
  who: { user: string; unit: string | null; asProvince: boolean }, limits: OfferLimits,
): Promise<{ accepted: boolean; mapping: SharedMapping | null; offer?: MappingOffer }> {
  const row: Row = {
    mapping: JSON.stringify(body.mapping), headers: JSON.stringify(body.headers), kind: body.kind, sheet: body.sheet ?? "",
    source: who.asProvince ? "province" : "clerk", by: who.user, unit: who.unit ?? "", at: new Date().toISOString(), units: withUnit({}, who.unit),
  };
  const key = { partitionKey: pk.mappings(province), rowKey: keyPart(fingerprint) };
  // Writes are conditional on what was read (ETag), so two people saving at once never lose a unit or an edit.
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await one<Row>(t, key.partitionKey, key.rowKey);
    if (who.asProvince) {
      if (body.baseAt !== undefined && (existing?.at ?? "") !== body.baseAt) throw new MappingChanged(existing ? fromRow(province, fingerprint, existing) : null);
      const next: Row = { ...row, units: existing ? existing.units ?? "[]" : "[]" };
      if (await writeIfUnchanged(t, key, next, existing?.etag)) return { accepted: true, mapping: fromRow(province, fingerprint, next) };
      continue;
    }
    // A clerk's mapping reaches other clerks only once the province's staff accept it.
    if (!existing || sameMappingKey(SavedMapping.parse(JSON.parse(existing.mapping))) !== sameMappingKey(body.mapping)) {
      const offer = await queueOffer(t, province, fingerprint, body, who, limits);
      return { accepted: false, mapping: existing ? fromRow(province, fingerprint, existing) : null, offer };
    }
    // The same as the accepted mapping: it stays; the unit is counted among its users.
    const units = withUnit(existing, who.unit);
    if (units === (existing.units || "[]") || await writeIfUnchanged(t, key, { ...pick(existing), units }, existing.etag)) {
      return { accepted: true, mapping: fromRow(province, fingerprint, { ...pick(existing), units }) };
    }
  }
  throw new Error("shared mapping: too many concurrent writes");
}

/** The served row an accepted offer becomes: the offering clerk's, with who accepted it; the form's users kept. */
export function acceptedRow(offerIdValue: string, o: OfferRow, current: Record<string, unknown> | null, reviewer: string, at: string): Row {
  const units = [...new Set([...unitsOf({ units: typeof current?.units === "string" ? current.units : "[]" }), ...unitsOf({ units: o.units })])].sort();
  return { mapping: o.mapping, headers: o.headers, kind: o.kind, sheet: o.sheet, source: "clerk", by: o.by, unit: o.unit, at, units: JSON.stringify(units), offer: offerIdValue, reviewedBy: reviewer };
}

export function mappingFromRow(province: string, fingerprint: string, r: Row): SharedMapping { return fromRow(province, fingerprint, r); }

function pick(r: Row): Row {
  return { mapping: r.mapping, headers: r.headers, kind: r.kind, sheet: r.sheet, source: r.source, by: r.by, unit: r.unit, at: r.at, units: r.units ?? "[]", ...(r.offer ? { offer: r.offer, reviewedBy: r.reviewedBy ?? "" } : {}) };
}

