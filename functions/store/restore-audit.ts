import { randomUUID } from "node:crypto";
import type { BackupEntity, BackupFile } from "../../shared/contract/index.ts";
import { pk, reverseTicks } from "./keys.ts";

/**
 * The record of a restore the operator vouched for instead of a signature (an unsigned backup
 * made before signing): a row of the province's reference partition, newest first, restored in
 * the same transactions as the file's entities, so the data never comes back without it. It
 * travels with later backups of the province and names who ran it, when, and which file.
 */
export const RESTORE_AUDIT = "RESTORE|";

export function unsignedRestoreRecord(file: BackupFile, by: string, at = new Date()): BackupEntity {
  const s = (v: string) => ({ t: "S" as const, v: v.slice(0, 1000) });
  return {
    pk: pk.ref(file.province),
    rk: `${RESTORE_AUDIT}${reverseTicks(at)}|${randomUUID()}`,
    props: {
      kind: s("restore-unsigned"),
      by: s(by),
      at: s(at.toISOString()),
      sha256: s(file.sha256),
      fileCreatedAt: s(file.createdAt),
      fileTable: s(file.table),
      period: s(file.period ?? ""),
      entities: { t: "N", v: file.entities.length },
    },
  };
}
