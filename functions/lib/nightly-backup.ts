import type { TableClient } from "@azure/data-tables";
import { gzipSync } from "node:zlib";
import { backupProvince } from "../store/backup.ts";
import { blobContainer, type BlobContainer } from "../store/blob.ts";
import { listProvinces } from "../store/reference.ts";
import { settings } from "./settings.ts";

/** The configured backup container, or null when nightly backups are off. */
export function backupContainer(): BlobContainer | null {
  const b = settings().backup;
  return b.container ? blobContainer({ connectionString: b.connectionString, endpoint: b.endpoint, container: b.container }) : null;
}

/** `<province>/<UTC time>.json.gz`: one blob per province and night, sorted by time, never replaced. */
export const backupBlobName = (province: string, at: Date) => `${province}/${at.toISOString().replace(/[:.]/g, "-")}.json.gz`;

/**
 * Every province's backup (the `htct backup` file, gzip) into the container. A province that
 * fails is logged and the others still run; the failures are returned for the timer's log.
 */
export async function writeNightlyBackups(t: TableClient, container: BlobContainer, log: (line: string) => void, now = new Date()): Promise<{ written: string[]; failed: string[] }> {
  await container.ensure();
  const written: string[] = [];
  const failed: string[] = [];
  for (const province of await listProvinces(t)) {
    try {
      const file = await backupProvince(t, province, null, now);
      const name = backupBlobName(province, now);
      await container.put(name, gzipSync(Buffer.from(JSON.stringify(file), "utf8")), "application/gzip");
      written.push(name);
      log(`backup of ${province}: ${file.entities.length} entities → ${container.name}/${name}`);
    } catch (e) {
      failed.push(province);
      log(`backup of ${province} failed: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`);
    }
  }
  return { written, failed };
}
