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
interface Row { mapping: string; headers: string; kind: string; sheet: string; source: string; by: string; unit: string; at: string }

function fromRow(province: string, fingerprint: string, r: Row): SharedMapping {
  return {
    province, fingerprint,
    mapping: SavedMapping.parse(JSON.parse(r.mapping)),
    headers: z.array(z.string()).parse(JSON.parse(r.headers)),
    kind: r.kind, sheet: r.sheet || null, source: r.source === "province" ? "province" : "clerk", by: r.by, unit: r.unit || null, at: r.at,
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
    source: who.asProvince ? "province" : "clerk", by: who.user, unit: who.unit ?? "", at: new Date().toISOString(),
  };
  const entity = { partitionKey: pk.mappings(province), rowKey: keyPart(fingerprint), ...row };
  if (who.asProvince) {
    await t.upsertEntity(entity, "Replace");
    return { accepted: true, mapping: fromRow(province, fingerprint, row) };
  }
  try {
    await t.createEntity(entity);
    return { accepted: true, mapping: fromRow(province, fingerprint, row) };
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 409) throw e;
    const existing = await readMapping(t, province, fingerprint);
    if (!existing) throw e;
    return { accepted: false, mapping: existing };
  }
}
