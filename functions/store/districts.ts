import { odata, type TableClient, type TableEntity } from "@azure/data-tables";
import type { DistrictValues, Stamps } from "../../shared/contract/index.ts";
import { pack, unpack } from "./chunks.ts";
import { pk, prefixEnd, rk } from "./keys.ts";
import { all, one } from "./query.ts";

/** A district's current data set for one period: the entity every submission's ETag guards. */
export interface StoredDistrict {
  district: string;
  version: number;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
  lastSubmissionId: string;
  lastUser: string;
  values: DistrictValues;
  stamps: Stamps;
  etag: string;
}

interface Row {
  district: string;
  version: number;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
  lastSubmissionId: string;
  lastUser: string;
  [k: string]: unknown;
}

function fromRow(row: Row & { etag: string }): StoredDistrict {
  const data = unpack<{ values: DistrictValues; stamps: Stamps }>("d", row) ?? { values: {}, stamps: {} };
  return {
    district: row.district, version: row.version, firstSubmittedAt: row.firstSubmittedAt, lastSubmittedAt: row.lastSubmittedAt,
    lastSubmissionId: row.lastSubmissionId, lastUser: row.lastUser, values: data.values, stamps: data.stamps, etag: row.etag,
  };
}

export async function readDistrict(t: TableClient, province: string, period: string, district: string): Promise<StoredDistrict | null> {
  const row = await one<Row>(t, pk.period(province, period), rk.district(district));
  return row ? fromRow(row) : null;
}

export async function listDistricts(t: TableClient, province: string, period: string): Promise<StoredDistrict[]> {
  const lo = "D|";
  const rows = await all<Row>(t, odata`PartitionKey eq ${pk.period(province, period)} and RowKey ge ${lo} and RowKey lt ${prefixEnd(lo)}`);
  return rows.map(fromRow);
}

export function districtEntity(province: string, period: string, d: Omit<StoredDistrict, "etag">): TableEntity {
  return {
    partitionKey: pk.period(province, period), rowKey: rk.district(d.district),
    district: d.district, version: d.version, firstSubmittedAt: d.firstSubmittedAt, lastSubmittedAt: d.lastSubmittedAt,
    lastSubmissionId: d.lastSubmissionId, lastUser: d.lastUser,
    ...pack("d", { values: d.values, stamps: d.stamps }),
  };
}

/** Versions and dates only (no payload), to find which districts' cached rollup nodes are current. */
export async function listDistrictSummaries(t: TableClient, province: string, period: string): Promise<Omit<StoredDistrict, "values" | "stamps" | "etag" | "lastSubmissionId" | "lastUser">[]> {
  const lo = "D|";
  const rows = await all<Row>(t, odata`PartitionKey eq ${pk.period(province, period)} and RowKey ge ${lo} and RowKey lt ${prefixEnd(lo)}`, ["district", "version", "firstSubmittedAt", "lastSubmittedAt"]);
  return rows.map((r) => ({ district: r.district, version: r.version, firstSubmittedAt: r.firstSubmittedAt, lastSubmittedAt: r.lastSubmittedAt }));
}
