import type { TableClient, TransactionAction } from "@azure/data-tables";
import { OrgUnitRegistry, type OrgUnit } from "../../shared/index.ts";
import type { RegistryAuditEntry } from "../../shared/contract/index.ts";
import { pack, unpack } from "./chunks.ts";
import { readAuditRows, replaceAudited } from "./audited.ts";
import { pk } from "./keys.ts";
import { one } from "./query.ts";
import { forgetRegistry } from "./reference.ts";

/**
 * A province's registry changes, beside the registry in its reference partition: one row per
 * change, newest first (reverse-tick keys), written in the same transaction as the registry
 * itself, so there is never a change without its record or a record without its change.
 */
const AUDIT = "AUDIT|";

export async function readRegistryFresh(t: TableClient, province: string): Promise<{ units: OrgUnit[]; etag: string } | null> {
  const row = await one<Record<string, unknown>>(t, pk.ref(province), "orgunits");
  return row ? { units: OrgUnitRegistry.parse(unpack("u", row)), etag: row.etag } : null;
}

/** Replaces the registry (guarded by the ETag read, so two imports cannot interleave) and records the change. */
export async function replaceRegistry(t: TableClient, province: string, units: OrgUnit[], etag: string | null, entry: RegistryAuditEntry, also: readonly TransactionAction[] = []): Promise<void> {
  await replaceAudited(t, province, { rowKey: "orgunits", props: pack("u", units) }, etag, AUDIT, entry, also);
  forgetRegistry(province);
}

export async function readRegistryAudit(t: TableClient, province: string, limit = 50): Promise<RegistryAuditEntry[]> {
  const rows = await readAuditRows(t, province, AUDIT, limit);
  return rows.map((r) => unpack<RegistryAuditEntry>("a", r)!).filter(Boolean);
}
