import { odata, type TableClient } from "@azure/data-tables";
import { Assignment } from "../../shared/contract/index.ts";
import { DEFAULT_CALENDAR, parseRegistry, ProvinceCalendar, Target, type OrgUnit, type ReportingCalendar } from "../../shared/index.ts";
import { z } from "zod";
import { pack, unpack } from "./chunks.ts";
import { keyPart, pk } from "./keys.ts";
import { all, one } from "./query.ts";
import { PEOPLE_FILTER } from "./assignment-admin.ts";

/**
 * Reference data per province (registry, targets) and the assignment table. It changes rarely,
 * so instances keep it for a short while instead of reading it on every request.
 */
const TTL_MS = 30_000;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();

/**
 * The promise is cached, so that requests arriving together while an entry is missing or stale
 * share one read (20 concurrent submissions would otherwise read the registry 20 times); a failed
 * read is forgotten at once. The same array is returned until the entry expires, which also keys
 * the compiled validators and rollup nodes cached per registry.
 */
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load();
  const entry = { at: Date.now(), value: value as Promise<unknown> };
  cache.set(key, entry);
  value.catch(() => { if (cache.get(key) === entry) cache.delete(key); });
  return value;
}

/**
 * Parsed values by row and ETag: when an entry expires and the row has not changed, the same
 * object comes back, so what is cached per registry object (compiled validators, descendants,
 * rollup-node fingerprints) survives the refresh instead of being rebuilt every 30 seconds.
 */
const parsed = new Map<string, { etag: string; value: unknown }>();

async function readParsed<T>(t: TableClient, key: string, province: string, rowKey: string, parse: (row: Record<string, unknown>) => T): Promise<T | null> {
  const row = await one<Record<string, unknown>>(t, pk.ref(province), rowKey);
  if (!row) { parsed.delete(key); return null; }
  const prev = parsed.get(key);
  if (prev && prev.etag === row.etag) return prev.value as T;
  const value = parse(row);
  parsed.set(key, { etag: row.etag, value });
  return value;
}

/** Ends every entry's time to live now (parsed values stay); for tests. */
export function expireReferenceCache(): void {
  cache.clear();
}

/** After a registry change: this province's registry is read again on next use. */
export function forgetRegistry(province: string): void {
  const k = `units:${province}`;
  cache.delete(k); parsed.delete(k);
}

export function clearReferenceCache(): void {
  cache.clear();
  parsed.clear();
  assignments.clear();
}

export async function readOrgUnits(t: TableClient, province: string): Promise<OrgUnit[] | null> {
  const key = `units:${province}`;
  return cached(key, () => readParsed(t, key, province, "orgunits", (row) => parseRegistry(unpack("u", row))));
}

export async function readTargets(t: TableClient, province: string): Promise<Target[]> {
  const key = `targets:${province}`;
  return cached(key, async () => (await readParsed(t, key, province, "targets", (row) => z.array(Target).parse(unpack("t", row)))) ?? []);
}

/** Provinces that have a registry, i.e. every province consolidation runs over. */
export async function listProvinces(t: TableClient): Promise<string[]> {
  const rows = await all<object>(t, odata`PartitionKey ge ${"REF|"} and PartitionKey lt ${"REF}"} and RowKey eq ${"orgunits"}`, ["PartitionKey"]);
  return rows.map((r) => r.partitionKey!.slice(4)).sort();
}

export async function writeReference(t: TableClient, province: string, units: OrgUnit[], targets: Target[]): Promise<void> {
  await t.submitTransaction([
    ["upsert", { partitionKey: pk.ref(province), rowKey: "orgunits", ...pack("u", units) }, "Replace"],
    ["upsert", { partitionKey: pk.ref(province), rowKey: "targets", ...pack("t", targets) }, "Replace"],
  ]);
  for (const k of [`units:${province}`, `targets:${province}`]) { cache.delete(k); parsed.delete(k); }
}

/** Parsed assignments by user and row ETag. */
const assignments = new Map<string, { etag: string; value: Assignment | null }>();
const MAX_ASSIGNMENTS = 10_000;

/** A province's own calendar settings (what differs from Decree 09's defaults), stored beside its registry. */
/** The calendar that applies in a province: the defaults with the province's own settings, when it has any. */
export async function readCalendar(t: TableClient, province: string): Promise<ReportingCalendar> {
  const key = `calendar:${province}`;
  return cached(key, async () => {
    const own = await readParsed(t, key, province, "calendar", (row) => ProvinceCalendar.parse(unpack("c", row)));
    return own ? { ...DEFAULT_CALENDAR, provinces: { ...DEFAULT_CALENDAR.provinces, [province]: own } } : DEFAULT_CALENDAR;
  });
}

export async function writeCalendar(t: TableClient, province: string, own: ProvinceCalendar): Promise<void> {
  await t.upsertEntity({ partitionKey: pk.ref(province), rowKey: "calendar", ...pack("c", ProvinceCalendar.parse(own)) }, "Replace");
  forgetCalendar(province);
}

export function forgetCalendar(province: string): void {
  const key = `calendar:${province}`;
  cache.delete(key); parsed.delete(key);
}

/**
 * A user's assignment, read on every request (one point read) and parsed again only when the
 * row's ETag changed: a revoked or moved clerk is refused from the first request after the change
 * is written, on every instance. What remains is a request already past this read when the change
 * lands (it finishes with the old assignment).
 */
export async function readAssignment(t: TableClient, user: string): Promise<Assignment | null> {
  const row = await one<{ role: string; unit: string; name?: string; email?: string; approvalLevels?: string }>(t, pk.assign, keyPart(user));
  if (!row) { assignments.delete(user); return null; }
  const prev = assignments.get(user);
  if (prev && prev.etag === row.etag) return prev.value;
  const r = Assignment.safeParse({ user, role: row.role, unit: row.unit || null, name: row.name, ...(row.email ? { email: row.email } : {}), ...(row.approvalLevels ? { levels: levelsOf(row.approvalLevels) } : {}) });
  const value = r.success ? r.data : null;
  if (assignments.size >= MAX_ASSIGNMENTS) assignments.delete(assignments.keys().next().value!);
  assignments.set(user, { etag: row.etag, value });
  return value;
}

/** The names the assignment table gives these logins (one cached point read each); logins without one are left out. */
export async function peopleNamed(t: TableClient, logins: Iterable<string>): Promise<Record<string, string>> {
  const people: Record<string, string> = {};
  await Promise.all([...new Set(logins)].map(async (login) => { const a = await readAssignment(t, login); if (a?.name) people[login] = a.name; }));
  return people;
}

/** The approval levels an assignment row lists, "1,2" → [1, 2] (stored as text, the way a person reads the row). */
export function levelsOf(text: string): number[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean).map(Number);
}

export async function writeAssignments(t: TableClient, list: Assignment[]): Promise<void> {
  for (let i = 0; i < list.length; i += 100) {
    await t.submitTransaction(
      list.slice(i, i + 100).map((a) => ["upsert", { partitionKey: pk.assign, rowKey: keyPart(a.user), role: a.role, unit: a.unit ?? "", name: a.name ?? "", ...(a.email ? { email: a.email } : {}), ...(a.levels?.length ? { approvalLevels: a.levels.join(",") } : {}) }, "Replace"] as const),
    );
  }
}

/** A stored assignment row as the province listing reads it: role, unit, name, e-mail, nothing else. */
export interface AssignmentRow { rowKey?: string; role: unknown; unit: unknown; name?: unknown; email?: unknown; approvalLevels?: unknown }

/**
 * Every assignment row (the table keeps them in one partition, beside their change records, which
 * are left out), only the columns a listing may show: the row key is the user's sign-in identity.
 */
export async function listAssignmentRows(t: TableClient): Promise<AssignmentRow[]> {
  return all<AssignmentRow>(t, PEOPLE_FILTER, ["RowKey", "role", "unit", "name", "email", "approvalLevels"]);
}
