import type { TableClient } from "@azure/data-tables";
import { z } from "zod";
import { ProvinceApprovalLevels } from "../../shared/approval/levels.ts";
import { pack, unpack } from "./chunks.ts";
import { readAuditRows, replaceAudited } from "./audited.ts";
import { pk } from "./keys.ts";
import { one } from "./query.ts";

/**
 * A province's own approval levels, beside its registry and calendar in its reference partition
 * (rowKey "approvalLevels"), each change recorded beside it in the same transaction. Read fresh on
 * each approval request (one point read): a changed chain applies from the next step on.
 */
const ROW = "approvalLevels";
const AUDIT = "APLAUDIT|";

export const ApprovalLevelsAudit = z.object({
  id: z.string(), user: z.string(), displayName: z.string(), at: z.string(),
  before: ProvinceApprovalLevels.nullable(), after: ProvinceApprovalLevels,
});
export type ApprovalLevelsAudit = z.infer<typeof ApprovalLevelsAudit>;

/** The province's stored chain (null: it follows the product's data) and the row's ETag. A stored chain that no longer parses is an error, not the default. */
export async function readApprovalLevels(t: TableClient, province: string): Promise<{ chain: ProvinceApprovalLevels | null; etag: string | null }> {
  const row = await one<Record<string, unknown>>(t, pk.ref(province), ROW);
  return row ? { chain: ProvinceApprovalLevels.parse(unpack("l", row)), etag: row.etag } : { chain: null, etag: null };
}

export async function replaceApprovalLevels(t: TableClient, province: string, chain: ProvinceApprovalLevels, etag: string | null, entry: ApprovalLevelsAudit): Promise<void> {
  await replaceAudited(t, province, { rowKey: ROW, props: pack("l", chain) }, etag, AUDIT, entry);
}

export async function readApprovalLevelsAudit(t: TableClient, province: string, limit = 50): Promise<ApprovalLevelsAudit[]> {
  const rows = await readAuditRows(t, province, AUDIT, limit);
  return rows.map((r) => ApprovalLevelsAudit.safeParse(unpack("a", r))).flatMap((r) => (r.success ? [r.data] : []));
}
