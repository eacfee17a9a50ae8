import { odata, type TableClient, type TableEntityResult, type TransactionAction } from "@azure/data-tables";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import {
  BACKUP_FORMAT, BACKUP_LIMITS, BACKUP_VERSION, BackupFile, entityBytes, entityKind, signedText,
  type BackupEntity, type BackupValue, type EntityKind,
} from "../../shared/contract/index.ts";
import { OrgUnitRegistry, provinceOfUnit, type OrgUnit } from "../../shared/index.ts";
import { backupKey, BackupKeyError, hmac, sameMac, type BackupKey } from "../lib/backup-key.ts";
import { NATIONAL_REGISTRY } from "../lib/national-registry.ts";
import { keyPart, pk, prefixEnd } from "./keys.ts";

/** A backup or restore refused: the message says why in both languages; nothing was written. */
export class BackupError extends Error {
  override name = "BackupError";
  constructor(public vi: string, public en: string) { super(en); }
}

type Typed = { value: unknown; type: string };
const SYSTEM = new Set(["partitionKey", "rowKey", "etag", "timestamp", "odata.etag", "odata.metadata"]);

function toBackupValue(name: string, raw: unknown): BackupValue {
  if (typeof raw === "object" && raw !== null && "type" in raw && "value" in raw) {
    const { type, value } = raw as Typed;
    const v = String(value);
    switch (type) {
      case "String": return { t: "S", v };
      case "Int32": case "Double": {
        const n = Number(v);
        if (!Number.isFinite(n)) throw new BackupError(`Thuộc tính ${name} có giá trị số không hữu hạn.`, `Property ${name} holds a non-finite number.`);
        return { t: "N", v: n };
      }
      case "Boolean": return { t: "B", v: v === "true" };
      case "Int64": return { t: "I64", v };
      case "DateTime": return { t: "DT", v: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/.test(v) ? v : new Date(v).toISOString() };
      case "Guid": return { t: "G", v };
      case "Binary": return { t: "BIN", v };
    }
  }
  throw new BackupError(`Thuộc tính ${name} có kiểu lưu trữ không xác định.`, `Property ${name} has an unknown storage type.`);
}

function fromBackupValue(p: BackupValue): unknown {
  switch (p.t) {
    case "S": return p.v;
    case "N": return { value: String(p.v), type: Number.isInteger(p.v) && Math.abs(p.v) < 2 ** 31 ? "Int32" : "Double" };
    case "B": return p.v;
    case "I64": return { value: p.v, type: "Int64" };
    case "DT": return { value: p.v, type: "DateTime" };
    case "G": return { value: p.v, type: "Guid" };
    case "BIN": return { value: p.v, type: "Binary" };
  }
}

function toEntity(row: TableEntityResult<Record<string, unknown>>): BackupEntity {
  const props: Record<string, BackupValue> = {};
  for (const [k, v] of Object.entries(row)) if (!SYSTEM.has(k)) props[k] = toBackupValue(k, v);
  return { pk: row.partitionKey!, rk: row.rowKey!, props };
}

async function list(t: TableClient, filter: string): Promise<BackupEntity[]> {
  const out: BackupEntity[] = [];
  const pages = t.listEntities<Record<string, unknown>>({ queryOptions: { filter }, disableTypeConversion: true }).byPage({ maxPageSize: 1000 });
  for await (const page of pages) for (const row of page) out.push(toEntity(row));
  return out;
}

export const checksum = (entities: readonly BackupEntity[]) => createHash("sha256").update(JSON.stringify(entities)).digest("hex");

/** The registry from a backup's own reference row (gzip parts u0…, un), or null. */
function registryOf(entities: readonly BackupEntity[], province: string): OrgUnit[] | null {
  const row = entities.find((e) => e.pk === `REF|${province}` && e.rk === "orgunits");
  if (!row) return null;
  const n = row.props.un;
  if (!n || n.t !== "N" || !Number.isInteger(n.v) || n.v < 1 || n.v > 14) return null;
  const parts: Buffer[] = [];
  for (let i = 0; i < n.v; i++) {
    const p = row.props[`u${i}`];
    if (!p || p.t !== "BIN") return null;
    parts.push(Buffer.from(p.v, "base64"));
  }
  try {
    // Small payloads are stored as plain JSON, larger ones gzipped (store/chunks.ts).
    const bytes = Buffer.concat(parts);
    const gz = bytes.byteLength >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    return OrgUnitRegistry.parse(JSON.parse((gz ? gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 }) : bytes).toString("utf8")));
  } catch {
    return null;
  }
}

/**
 * The codes of the province's own units: those whose chain of parents ends at the province in
 * its registry, and which the national registry does not give to another province. A registry
 * also lists other provinces' units its units were formed from; their people are not this
 * province's, so their assignments never travel with its backup.
 */
function ownCodes(entities: readonly BackupEntity[], province: string): Set<string> | null {
  const units = registryOf(entities, province);
  if (!units) return null;
  const out = new Set<string>([province]);
  for (const u of units) {
    if (provinceOfUnit(units, u.code)?.code !== province) continue;
    const national = provinceOfUnit(NATIONAL_REGISTRY, u.code);
    if (national && national.code !== province) continue;
    out.add(u.code);
  }
  return out;
}

/** Assignments of the province: its staff and the clerks of its own units (jobs are not a province's). */
function assignmentInScope(e: BackupEntity, province: string, codes: Set<string> | null): boolean {
  const role = e.props.role, unit = e.props.unit;
  if (!codes || role?.t !== "S" || unit?.t !== "S") return false;
  if (role.v === "province") return unit.v === province;
  return role.v === "clerk" && unit.v !== province && codes.has(unit.v);
}

const keyOrRefuse = (key?: BackupKey): BackupKey => {
  try { return key ?? backupKey(); } catch (e) {
    if (e instanceof BackupKeyError) throw new BackupError(e.vi, e.en);
    throw e;
  }
};

/**
 * Every entity of the province (of one period, when given): its period partitions, its reference
 * partition, its shared mappings, its snapshot rows, and the assignments to it and its units. Read with storage
 * types kept, so a restore writes back exactly what was stored.
 */
export async function backupProvince(t: TableClient, province: string, period: string | null, now = new Date(), key?: BackupKey): Promise<BackupFile> {
  keyPart(province);
  const signer = keyOrRefuse(key);
  const periodPrefix = `P|${province}|`;
  const [periods, reference, mappings, snapshots, assignments] = await Promise.all([
    period ? list(t, odata`PartitionKey eq ${pk.period(province, period)}`) : list(t, odata`PartitionKey ge ${periodPrefix} and PartitionKey lt ${prefixEnd(periodPrefix)}`),
    list(t, odata`PartitionKey eq ${pk.ref(province)}`),
    list(t, odata`PartitionKey eq ${pk.mappings(province)}`),
    period
      ? list(t, odata`PartitionKey eq ${pk.snapshots(period)} and RowKey ge ${`${province}|`} and RowKey lt ${prefixEnd(`${province}|`)}`)
      : list(t, odata`PartitionKey ge ${"SNAP|"} and PartitionKey lt ${prefixEnd("SNAP|")} and RowKey ge ${`${province}|`} and RowKey lt ${prefixEnd(`${province}|`)}`),
    list(t, odata`PartitionKey eq ${pk.assign}`),
  ]);
  if (!reference.length && !periods.length) throw new BackupError(`Không có dữ liệu nào của tỉnh ${province}${period ? ` kỳ ${period}` : ""}.`, `There is no data of province ${province}${period ? ` for period ${period}` : ""}.`);
  const codes = ownCodes(reference, province);
  const entities = [...reference, ...assignments.filter((a) => assignmentInScope(a, province, codes)), ...mappings, ...periods, ...snapshots];
  const counts: Record<string, number> = {};
  for (const e of entities) { const k = entityKind(province, period, e.pk, e.rk) ?? "other"; counts[k] = (counts[k] ?? 0) + 1; }
  const head = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), province, period, table: t.tableName, counts, sha256: checksum(entities) } as const;
  return { ...head, entities, signature: { alg: "HMAC-SHA256", keyId: signer.id, value: hmac(signer, signedText(head)) } };
}

const refuse = (vi: string, en: string) => new BackupError(vi, en);

/**
 * How restore may take a file without a signature: files written before backups were signed
 * (the same format, version 1) are otherwise refused. The operator runs
 * `htct backup verify-legacy FILE` (every check but the signature, nothing written) and then
 * restores with the sha256 it printed: a file's checksum has no key, so the operator's explicit
 * statement of which file they trust stands in for the signature, and the restore is audited.
 */
export interface UnsignedAcceptance { sha256: string }
/** For verify-legacy: every check but the signature, accepting any checksum the file carries. */
const INSPECT: UnsignedAcceptance = { sha256: "inspect" };

/**
 * A backup file read and checked completely before anything is written: size, JSON, schema,
 * checksum, the signature with this installation's key (or, for an unsigned file, the
 * operator's acceptance of its checksum), every entity inside the declared province (and
 * period), assignments only to the province and its own units, keys unique, entity sizes within
 * storage limits.
 */
export function parseBackup(text: string, key?: BackupKey, unsigned?: UnsignedAcceptance): BackupFile {
  if (text.length > BACKUP_LIMITS.maxFileBytes) throw refuse("Tệp sao lưu quá lớn.", "The backup file is too large.");
  let raw: unknown;
  try {
    raw = JSON.parse(text, (k, v: unknown) => { if (k === "__proto__") throw new Error("__proto__"); return v; });
  } catch {
    throw refuse("Tệp sao lưu không phải JSON hợp lệ (có thể bị cắt cụt hoặc hỏng).", "The backup file is not valid JSON (it may be truncated or damaged).");
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (typeof head !== "object" || head === null || head.format !== BACKUP_FORMAT) throw refuse("Đây không phải tệp sao lưu HTCT.", "This is not an HTCT backup file.");
  if (head.version !== BACKUP_VERSION) throw refuse(`Phiên bản tệp sao lưu ${String(head.version).slice(0, 20)} không được hỗ trợ (hỗ trợ: ${BACKUP_VERSION}).`, `Backup format version ${String(head.version).slice(0, 20)} is not supported (supported: ${BACKUP_VERSION}).`);
  const r = BackupFile.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const where = i.path.map(String).join(".").slice(0, 120);
    throw refuse(`Tệp sao lưu sai cấu trúc tại ${where}: ${i.message}.`, `The backup file is malformed at ${where}: ${i.message}.`);
  }
  const file = r.data;
  if (checksum(file.entities) !== file.sha256) throw refuse("Mã kiểm tra (sha256) không khớp: tệp sao lưu đã bị sửa hoặc hỏng.", "The checksum (sha256) does not match: the backup file was altered or damaged.");
  if (unsigned) {
    // Never a way around a signature: a signed file is verified, whatever the operator accepts.
    if (file.signature) throw refuse("Tệp sao lưu này có chữ ký: khôi phục như bình thường, không dùng --accept-unsigned.", "This backup file is signed: restore it as usual, without --accept-unsigned.");
    if (unsigned !== INSPECT && unsigned.sha256.toLowerCase() !== file.sha256) throw refuse(`Mã sha256 ghi trong --accept-unsigned không phải mã của tệp này (${file.sha256}); chưa ghi gì.`, `The sha256 given with --accept-unsigned is not this file's (${file.sha256}); nothing was written.`);
  } else {
    const verifier = keyOrRefuse(key);
    if (!file.signature) throw refuse("Tệp sao lưu không có chữ ký; chỉ khôi phục tệp do hệ thống ký. Tệp sao lưu làm trước khi có chữ ký: kiểm tra bằng \"htct backup verify-legacy TỆP\" rồi khôi phục bằng \"htct restore TỆP --accept-unsigned <sha256>\" (ghi vào nhật ký).", "The backup file is not signed; only files the system signed are restored. A backup made before signing: check it with \"htct backup verify-legacy FILE\", then restore it with \"htct restore FILE --accept-unsigned <sha256>\" (audited).");
    if (file.signature.keyId !== verifier.id) throw refuse(`Tệp sao lưu được ký bằng khóa khác (mã khóa ${file.signature.keyId}, khóa ở đây ${verifier.id}); đặt HTCT_BACKUP_SIGNING_KEY của nơi đã sao lưu.`, `The backup file was signed with another key (key id ${file.signature.keyId}, this key ${verifier.id}); set HTCT_BACKUP_SIGNING_KEY of the installation that made it.`);
    if (!sameMac(hmac(verifier, signedText(file)), file.signature.value)) throw refuse("Chữ ký tệp sao lưu không đúng: tệp đã bị sửa sau khi ký.", "The backup file's signature does not match: the file was altered after it was signed.");
  }
  const codes = ownCodes(file.entities, file.province);
  const seen = new Set<string>();
  for (const e of file.entities) {
    const kind: EntityKind | null = entityKind(file.province, file.period, e.pk, e.rk);
    if (!kind) throw refuse(`Tệp chứa dữ liệu ngoài tỉnh ${file.province}${file.period ? ` kỳ ${file.period}` : ""} (${e.pk.slice(0, 60)}).`, `The file holds data outside province ${file.province}${file.period ? ` period ${file.period}` : ""} (${e.pk.slice(0, 60)}).`);
    if (kind === "assignment" && !assignmentInScope(e, file.province, codes)) throw refuse(`Phân công "${e.rk.slice(0, 60)}" không thuộc tỉnh ${file.province} hay một đơn vị của tỉnh; chưa ghi gì.`, `Assignment "${e.rk.slice(0, 60)}" is not to province ${file.province} or one of its own units; nothing was written.`);
    const key = `${e.pk}\u0000${e.rk}`;
    if (seen.has(key)) throw refuse(`Bản ghi lặp lại: ${e.pk.slice(0, 60)} / ${e.rk.slice(0, 60)}.`, `Duplicate entity: ${e.pk.slice(0, 60)} / ${e.rk.slice(0, 60)}.`);
    seen.add(key);
    if (entityBytes(e) > BACKUP_LIMITS.maxEntityBytes) throw refuse(`Bản ghi ${e.pk.slice(0, 60)} / ${e.rk.slice(0, 60)} vượt giới hạn 1 MiB.`, `Entity ${e.pk.slice(0, 60)} / ${e.rk.slice(0, 60)} exceeds 1 MiB.`);
    for (const p of Object.values(e.props)) if (p.t === "BIN" && Buffer.byteLength(p.v, "base64") > BACKUP_LIMITS.maxBinaryBytes) throw refuse("Một thuộc tính nhị phân vượt 64 KiB.", "A binary property exceeds 64 KiB.");
  }
  return file;
}

/** `htct backup verify-legacy`: an unsigned file checked in every way but the signature. */
export function inspectUnsigned(text: string): BackupFile {
  return parseBackup(text, undefined, INSPECT);
}

async function anyIn(t: TableClient, partition: string): Promise<boolean> {
  const page = await t.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partition}`, select: ["PartitionKey"] } }).byPage({ maxPageSize: 1 }).next();
  return !page.done && page.value.length > 0;
}

async function exists(t: TableClient, partition: string, row: string): Promise<boolean> {
  try { await t.getEntity(partition, row, { queryOptions: { select: ["PartitionKey"] } }); return true; } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return false;
    throw e;
  }
}

/** Transactions of at most 100 entities and ~3.5 MiB, one partition each. */
function batches(entities: readonly BackupEntity[]): BackupEntity[][] {
  const byPartition = new Map<string, BackupEntity[]>();
  for (const e of entities) { const l = byPartition.get(e.pk) ?? []; l.push(e); byPartition.set(e.pk, l); }
  const out: BackupEntity[][] = [];
  for (const list of byPartition.values()) {
    let cur: BackupEntity[] = [];
    let bytes = 0;
    for (const e of list) {
      const b = entityBytes(e);
      if (cur.length && (cur.length === 100 || bytes + b > 3.5 * 1024 * 1024)) { out.push(cur); cur = []; bytes = 0; }
      cur.push(e); bytes += b;
    }
    if (cur.length) out.push(cur);
  }
  return out;
}

const asEntity = (e: BackupEntity) => {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.props)) props[k] = fromBackupValue(v);
  return { partitionKey: e.pk, rowKey: e.rk, ...props };
};

/**
 * Restores a checked backup into a table where none of its data exists: every partition it
 * writes (other than the shared assignment partition) must be empty and none of its assignment
 * rows may exist, else nothing is written. Entities are created (never upserted) in
 * transactions; if storage fails midway, what this restore created is deleted again.
 */
export async function restoreBackup(t: TableClient, file: BackupFile): Promise<{ entities: number; partitions: number }> {
  await t.createTable();
  const partitions = [...new Set(file.entities.map((e) => e.pk))];
  const occupied: string[] = [];
  for (const p of partitions) {
    if (p === pk.assign) continue;
    if (await anyIn(t, p)) occupied.push(p);
  }
  for (const e of file.entities) if (e.pk === pk.assign && (await exists(t, e.pk, e.rk))) occupied.push(`${e.pk}/${e.rk}`);
  if (occupied.length) {
    const list = occupied.slice(0, 5).join(", ") + (occupied.length > 5 ? ` (+${occupied.length - 5})` : "");
    throw refuse(`Bảng đã có dữ liệu của tỉnh ${file.province} (${list}); không ghi đè, chưa ghi gì.`, `The table already holds data of province ${file.province} (${list}); nothing was overwritten or written.`);
  }
  const done: BackupEntity[][] = [];
  try {
    for (const b of batches(file.entities)) {
      await t.submitTransaction(b.map((e) => ["create", asEntity(e)] as TransactionAction));
      done.push(b);
    }
  } catch (e) {
    for (const b of done) {
      await t.submitTransaction(b.map((x) => ["delete", { partitionKey: x.pk, rowKey: x.rk }] as TransactionAction)).catch(() => undefined);
    }
    const why = e instanceof Error ? e.message.slice(0, 200) : String(e);
    throw refuse(`Khôi phục thất bại giữa chừng (${why}); đã xóa lại phần vừa ghi.`, `The restore failed midway (${why}); what it had written was removed again.`);
  }
  return { entities: file.entities.length, partitions: partitions.length };
}
