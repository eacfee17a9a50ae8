import type { TableClient, TableEntityResult } from "@azure/data-tables";

/** Every entity matching a filter, page by page: continuation tokens are always followed. */
export async function all<T extends object>(t: TableClient, filter: string, select?: string[]): Promise<TableEntityResult<T>[]> {
  const out: TableEntityResult<T>[] = [];
  const pages = t.listEntities<T>({ queryOptions: { filter, ...(select ? { select } : {}) } }).byPage({ maxPageSize: 1000 });
  for await (const page of pages) out.push(...page);
  return out;
}

/** One entity or null (404 is an answer, not an error). */
export async function one<T extends object>(t: TableClient, partitionKey: string, rowKey: string): Promise<TableEntityResult<T> | null> {
  try {
    return await t.getEntity<T>(partitionKey, rowKey);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return null;
    throw e;
  }
}

/**
 * Creates the row (no ETag) or replaces exactly the version read (its ETag); false when someone
 * wrote first (409 on create, 412 on replace), so the caller can read again and decide.
 */
export async function writeIfUnchanged<T extends object>(t: TableClient, key: { partitionKey: string; rowKey: string }, row: T, etag: string | undefined): Promise<boolean> {
  try {
    if (etag === undefined) await t.createEntity({ ...key, ...row });
    else await t.updateEntity({ ...key, ...row }, "Replace", { etag });
    return true;
  } catch (e) {
    if (lostRace(e)) return false;
    throw e;
  }
}

/** Someone wrote first: 409 when creating a row that now exists, 412 when the ETag read is stale. */
export function lostRace(e: unknown): boolean {
  const status = (e as { statusCode?: number } | null)?.statusCode;
  return status === 409 || status === 412;
}
