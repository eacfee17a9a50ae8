import { odata, type TableClient, type TableEntity } from "@azure/data-tables";
import type { HistoryEntry } from "../../shared/contract/index.ts";
import { pack, unpack } from "./chunks.ts";
import { pk, prefixEnd, rk } from "./keys.ts";

interface Row {
  submissionId: string;
  version: number;
  user: string;
  at: string;
  mode: HistoryEntry["mode"];
  [k: string]: unknown;
}

export function historyEntity(province: string, period: string, district: string, e: HistoryEntry): TableEntity {
  return {
    partitionKey: pk.period(province, period), rowKey: rk.history(district, new Date(e.at)),
    submissionId: e.submissionId, version: e.version, user: e.user, at: e.at, mode: e.mode,
    ...pack("h", { summary: e.summary, source: e.source, changes: e.changes }),
  };
}

/** Newest first (reverse-tick keys); stops after `limit` entries or at `sinceVersion`. */
export async function readHistory(t: TableClient, province: string, period: string, district: string, opts: { limit?: number; sinceVersion?: number } = {}): Promise<HistoryEntry[]> {
  const lo = rk.historyPrefix(district);
  const out: HistoryEntry[] = [];
  const pages = t.listEntities<Row>({ queryOptions: { filter: odata`PartitionKey eq ${pk.period(province, period)} and RowKey ge ${lo} and RowKey lt ${prefixEnd(lo)}` } }).byPage({ maxPageSize: 100 });
  for await (const page of pages) {
    for (const row of page) {
      if (opts.sinceVersion !== undefined && row.version <= opts.sinceVersion) return out;
      const body = unpack<Pick<HistoryEntry, "summary" | "source" | "changes">>("h", row)!;
      out.push({ submissionId: row.submissionId, version: row.version, user: row.user, at: row.at, mode: row.mode, ...body });
      if (opts.limit !== undefined && out.length >= opts.limit) return out;
    }
  }
  return out;
}
