import { odata, type TableClient } from "@azure/data-tables";
import type { ValuesByUnit } from "../../shared/contract/index.ts";
import type { StoredRow } from "../../shared/index.ts";
import { unpack } from "./chunks.ts";
import { pk, prefixEnd, STORED_UNIT_PROPERTY, UNIT_ROW_PREFIX } from "./keys.ts";

/**
 * Every reporting unit's current row with data in every period of a province, reduced to the unit
 * codes its values name: what a registry change must keep a place for. One range query over the
 * province's period partitions (a registry import is rare; the rows are read whole once).
 */
export async function storedRowsOf(t: TableClient, province: string): Promise<StoredRow[]> {
  const from = `${pk.period(province, "0")}`.slice(0, -1);
  const out: StoredRow[] = [];
  const pages = t.listEntities<Record<string, unknown>>({
    queryOptions: { filter: odata`PartitionKey ge ${from} and PartitionKey lt ${prefixEnd(from)} and RowKey ge ${UNIT_ROW_PREFIX} and RowKey lt ${prefixEnd(UNIT_ROW_PREFIX)}` },
  }).byPage({ maxPageSize: 200 });
  for await (const page of pages) {
    for (const e of page) {
      const unit = e[STORED_UNIT_PROPERTY];
      if (typeof e.version !== "number" || e.version <= 0 || typeof unit !== "string") continue;
      const data = unpack<{ values: ValuesByUnit }>("d", e);
      out.push({ period: e.partitionKey!.slice(from.length), unit, codes: Object.keys(data?.values ?? {}) });
    }
  }
  return out;
}
