import { odata, type TableClient } from "@azure/data-tables";
import { SharedMapping, type SharedMappingRequest } from "../../shared/contract/index.ts";
import { SavedMapping } from "../../shared/index.ts";
import { z } from "zod";
import { keyPart, pk } from "./keys.ts";
import { all, one } from "./query.ts";

/**
 * Shared column mappings, one entity per form fingerprint in the province's partition. A clerk's
 * offer only creates (the first confirmed mapping of a form is the one learned; an insert that
 * loses a race reads the winner); the province's own always replaces and is never replaced by a
 * clerk's. JSON properties stay far below the 64 KiB string limit (checked by the caller).
 */
interface Row { mapping: string; headers: string; kind: string; sheet: string; source: string; by: string; unit: string; at: string; units?: string }

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
  const rows = await all<Row>(t, odata`PartitionKey eq ${pk.mappings(province)}`);
  return rows.map((r) => fromRow(province, r.rowKey!, r)).sort((a, b) => b.at.localeCompare(a.at));
}

export async function saveMapping(
  t: TableClient, province: string, fingerprint: string, body: SharedMappingRequest,
  who: { user: string; unit: string | null; asProvince: boolean },
): Promise<{ accepted: boolean; mapping: SharedMapping }> {
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
      if (await write(t, key, next, existing?.etag)) return { accepted: true, mapping: fromRow(province, fingerprint, next) };
      continue;
    }
    if (!existing) {
      if (await write(t, key, row, undefined)) return { accepted: true, mapping: fromRow(province, fingerprint, row) };
      continue;
    }
    // The form is there already: the mapping stays; the unit is counted among its users.
    const units = withUnit(existing, who.unit);
    if (units === (existing.units || "[]") || await write(t, key, { ...pick(existing), units }, existing.etag)) {
      return { accepted: false, mapping: fromRow(province, fingerprint, { ...pick(existing), units }) };
    }
  }
  throw new Error("shared mapping: too many concurrent writes");
}

function pick(r: Row): Row {
  return { mapping: r.mapping, headers: r.headers, kind: r.kind, sheet: r.sheet, source: r.source, by: r.by, unit: r.unit, at: r.at, units: r.units ?? "[]" };
}

/** Creates (no ETag) or replaces exactly the version read; false when someone wrote first. */
async function write(t: TableClient, key: { partitionKey: string; rowKey: string }, row: Row, etag: string | undefined): Promise<boolean> {
  try {
    if (etag === undefined) await t.createEntity({ ...key, ...row });
    else await t.updateEntity({ ...key, ...row }, "Replace", { etag });
    return true;
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 409 || status === 412) return false;
    throw e;
  }
}
