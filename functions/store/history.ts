import { odata, type TableClient, type TableEntity } from "@azure/data-tables";
import type { HistoryEntry, ValueChange } from "../../shared/contract/index.ts";
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

/**
 * Changes are stored as `[unit, indicator, old, new]` tuples (`c`), not objects: a 30-commune
 * submission changes ~630 values, and without the repeated key names the JSON is a third smaller
 * and gzips in half the time. Rows written with `changes` objects are still read.
 */
type Tuple = [string, string, ValueChange["old"], ValueChange["new"]];
interface Body { summary: HistoryEntry["summary"]; source: HistoryEntry["source"]; c?: Tuple[]; changes?: ValueChange[] }

export function historyEntity(province: string, period: string, unit: string, e: HistoryEntry): TableEntity {
  const body: Body = { summary: e.summary, source: e.source, c: e.changes.map((x): Tuple => [x.unit, x.indicator, x.old, x.new]) };
  return {
    partitionKey: pk.period(province, period), rowKey: rk.history(unit, new Date(e.at)),
    submissionId: e.submissionId, version: e.version, user: e.user, at: e.at, mode: e.mode,
    ...pack("h", body),
  };
}

/** Newest first (reverse-tick keys); stops after `limit` entries or at `sinceVersion`. */
export async function readHistory(t: TableClient, province: string, period: string, unit: string, opts: { limit?: number; sinceVersion?: number } = {}): Promise<HistoryEntry[]> {
  const lo = rk.historyPrefix(unit);
  const out: HistoryEntry[] = [];
  const pages = t.listEntities<Row>({ queryOptions: { filter: odata`PartitionKey eq ${pk.period(province, period)} and RowKey ge ${lo} and RowKey lt ${prefixEnd(lo)}` } }).byPage({ maxPageSize: 100 });
  for await (const page of pages) {
    for (const row of page) {
      if (opts.sinceVersion !== undefined && row.version <= opts.sinceVersion) return out;
      const body = unpack<Body>("h", row)!;
      const changes = body.c ? body.c.map(([unit, indicator, old, nu]): ValueChange => ({ unit, indicator, old, new: nu })) : body.changes ?? [];
      out.push({ submissionId: row.submissionId, version: row.version, user: row.user, at: row.at, mode: row.mode, summary: body.summary, source: body.source, changes });
      if (opts.limit !== undefined && out.length >= opts.limit) return out;
    }
  }
  return out;
}
