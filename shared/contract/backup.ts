import { z } from "zod";
import { Period, UnitCode } from "./codes.ts";

/**
 * The backup file of one province (optionally one period): every entity of the table that holds
 * its data, as stored, with each property's storage type. Versioned: a reader refuses a format or
 * version it does not know. Pure schema and limits; reading and writing storage is the host's.
 *
 *   { format: "htct-backup", version: 1, createdAt, province, period | null, table,
 *     counts: { <kind>: n }, entities: [{ pk, rk, props: { name: { t, v } } }], sha256 }
 *
 * Property types (`t`): S string · N number (Int32 or Double) · B boolean · I64 64-bit integer as
 * decimal text · DT date-time (ISO 8601) · G GUID · BIN binary as base64. `sha256` is the hex
 * SHA-256 of JSON.stringify(entities), so a truncated or edited file is refused. `signature`,
 * beside it, is an HMAC-SHA256 over the header and that checksum (signedText) with a key the file
 * cannot carry (the app setting HTCT_BACKUP_SIGNING_KEY, or locally `.dev-keys/backup-hmac.key`),
 * so a file re-hashed after an edit, or written elsewhere, is refused too. `keyId` names the key
 * (the first 16 hex digits of its SHA-256) so that "another key" can be told from "altered".
 */
export const BACKUP_FORMAT = "htct-backup";
export const BACKUP_VERSION = 1;

/** Table Storage's own limits (1 MiB entity, 252 properties, 64 KiB property, 1 KiB key). */
export const BACKUP_LIMITS = {
  maxFileBytes: 512 * 1024 * 1024,
  maxEntities: 1_000_000,
  maxKeyChars: 512,
  maxProperties: 252,
  maxStringChars: 32_768,
  maxBinaryBytes: 65_536,
  maxEntityBytes: 1_000_000,
} as const;

/** Key text Table Storage accepts: none of / \ # ? and no control characters. */
const Key = z.string().min(1).max(BACKUP_LIMITS.maxKeyChars).regex(/^[^/\\#?\u0000-\u001f\u007f-\u009f]+$/, "keys may not contain / \\ # ? or control characters");
/** Property names: C#-identifier-like, and none of the system properties. */
const PropName = z.string().max(255).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "property names are letters, digits and _")
  .refine((n) => !["PartitionKey", "RowKey", "Timestamp", "partitionKey", "rowKey", "timestamp", "etag", "__proto__", "constructor", "prototype"].includes(n), "reserved property name");

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const BackupValue = z.discriminatedUnion("t", [
  z.strictObject({ t: z.literal("S"), v: z.string().max(BACKUP_LIMITS.maxStringChars) }),
  z.strictObject({ t: z.literal("N"), v: z.number().finite() }),
  z.strictObject({ t: z.literal("B"), v: z.boolean() }),
  z.strictObject({ t: z.literal("I64"), v: z.string().refine((s) => /^-?\d{1,19}$/.test(s) && BigInt(s) <= 2n ** 63n - 1n && BigInt(s) >= -(2n ** 63n), "a 64-bit integer in decimal") }),
  z.strictObject({ t: z.literal("DT"), v: z.string().max(40).refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/.test(s) && !Number.isNaN(Date.parse(s)), "ISO 8601 UTC date-time") }),
  z.strictObject({ t: z.literal("G"), v: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/) }),
  z.strictObject({ t: z.literal("BIN"), v: z.string().max(Math.ceil(BACKUP_LIMITS.maxBinaryBytes / 3) * 4).regex(base64, "base64") }),
]);
export type BackupValue = z.infer<typeof BackupValue>;

export const BackupEntity = z.strictObject({
  pk: Key,
  rk: Key,
  props: z.record(PropName, BackupValue).refine((p) => Object.keys(p).length <= BACKUP_LIMITS.maxProperties, `at most ${BACKUP_LIMITS.maxProperties} properties`),
});
export type BackupEntity = z.infer<typeof BackupEntity>;

export const BackupFile = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string().max(40),
  province: UnitCode,
  period: Period.nullable(),
  table: z.string().max(63),
  counts: z.record(z.string().max(40), z.number().int().min(0)),
  entities: z.array(BackupEntity).max(BACKUP_LIMITS.maxEntities),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Optional in the schema only so that an unsigned file gets its own message; restore refuses it. */
  signature: z.strictObject({
    alg: z.literal("HMAC-SHA256"),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    value: z.string().regex(/^[0-9a-f]{64}$/),
  }).optional(),
});
export type BackupFile = z.infer<typeof BackupFile>;

/** What the signature covers: every header field and the entities' checksum, in a fixed order. */
export function signedText(f: Omit<BackupFile, "entities" | "signature">): string {
  return JSON.stringify([f.format, f.version, f.createdAt, f.province, f.period, f.table, Object.entries(f.counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), f.sha256]);
}

/** The storage layout's partitions, as the backup scope sees them (see functions/store/keys.ts). */
export type EntityKind = "period" | "reference" | "mapping" | "snapshot" | "assignment";

/**
 * Whether an entity belongs to a province's backup, and as what: its period partitions (current
 * values, versions, history, locks, idempotency answers, approvals and whatever else a period
 * partition holds), its reference partition (registry, targets, calendar, registry history), its
 * shared column mappings, its rows of the snapshot partitions, and assignments (checked against
 * the registry by the host). Null:
 * not this province's, so a backup file carrying it is refused.
 */
export function entityKind(province: string, period: string | null, pk: string, rk: string): EntityKind | null {
  if (pk.startsWith("P|")) {
    const [, p, per, ...rest] = pk.split("|");
    return p === province && per !== undefined && rest.length === 0 && (period === null || per === period) ? "period" : null;
  }
  if (pk === `REF|${province}`) return "reference";
  if (pk === `MAP|${province}`) return "mapping";
  if (pk.startsWith("SNAP|")) {
    const per = pk.slice(5);
    return rk.startsWith(`${province}|`) && !per.includes("|") && (period === null || per === period) ? "snapshot" : null;
  }
  if (pk === "ASSIGN") return "assignment";
  return null;
}

/** Approximate stored size of an entity (keys and values as UTF-16, binary as bytes), for the 1 MiB limit and transaction batching. */
export function entityBytes(e: BackupEntity): number {
  let n = (e.pk.length + e.rk.length) * 2;
  for (const [k, p] of Object.entries(e.props)) {
    n += k.length * 2 + 8;
    if (p.t === "S") n += p.v.length * 2;
    else if (p.t === "BIN") n += Math.floor((p.v.length * 3) / 4);
    else n += 16;
  }
  return n;
}
