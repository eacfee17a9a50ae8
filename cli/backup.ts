import { randomBytes } from "node:crypto";
import { open, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { BACKUP_LIMITS } from "../shared/contract/index.ts";
import { hostname, userInfo } from "node:os";
import { BackupError, backupProvince, inspectUnsigned, parseBackup, restoreBackup } from "../functions/store/backup.ts";
import { unsignedRestoreRecord } from "../functions/store/restore-audit.ts";
import { table } from "../functions/store/client.ts";
import { CliError } from "./errors.ts";
import type { Lang } from "../shared/index.ts";

/** The table the storage settings name (HTCT_TABLES_CONNECTION, or HTCT_TABLES_ENDPOINT with Azure sign-in). */
function storage() {
  try {
    return table();
  } catch {
    throw new CliError(
      "Chưa cấu hình kho dữ liệu: đặt HTCT_TABLES_CONNECTION (chuỗi kết nối) hoặc HTCT_TABLES_ENDPOINT (Azure, đăng nhập bằng az login), và HTCT_TABLE_NAME nếu bảng không tên là htct.",
      "No storage configured: set HTCT_TABLES_CONNECTION (a connection string) or HTCT_TABLES_ENDPOINT (Azure, signed in with az login), and HTCT_TABLE_NAME if the table is not named htct.",
    );
  }
}

/** Storage that does not answer (no HTTP status, refused or reset connections, 5xx). */
function unreachable(e: unknown): boolean {
  const status = (e as { statusCode?: number }).statusCode;
  const code = (e as { code?: string }).code ?? "";
  return (e instanceof Error && e.name === "RestError" && (status === undefined || status >= 500)) || ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN"].includes(code);
}

const asCli = (e: unknown): never => {
  if (e instanceof BackupError) throw new CliError(e.vi, e.en);
  if (unreachable(e)) {
    const why = e instanceof Error ? e.message.split("\n")[0]!.slice(0, 160) : String(e);
    throw new CliError(`Không kết nối được kho dữ liệu (${why}); chưa đọc hay ghi gì.`, `Cannot reach the storage (${why}); nothing was read or written.`);
  }
  throw e;
};

/** Writes the file whole or not at all: a temporary file beside it, renamed into place. */
async function writeWhole(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${randomBytes(6).toString("hex")}.htct-backup.tmp`);
  try {
    await writeFile(tmp, text, { flag: "wx" });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function backupCommand(opts: { province: string; period: string | null; output: string; lang: Lang }): Promise<string> {
  const file = await backupProvince(storage(), opts.province, opts.period).catch(asCli);
  await writeWhole(opts.output, JSON.stringify(file));
  const parts = Object.entries(file.counts).map(([k, n]) => `${k} ${n}`).join(", ");
  return opts.lang === "vi"
    ? `Đã sao lưu tỉnh ${opts.province}${opts.period ? ` kỳ ${opts.period}` : ""}: ${file.entities.length} bản ghi (${parts}) → ${opts.output}`
    : `Backed up province ${opts.province}${opts.period ? ` period ${opts.period}` : ""}: ${file.entities.length} entities (${parts}) → ${opts.output}`;
}

/** Reads at most the format's size limit: a larger file is refused before it is read. */
async function readBounded(path: string): Promise<string> {
  let size: number;
  try { size = (await stat(path)).size; } catch { throw new CliError(`Không đọc được tệp ${path}.`, `Cannot read the file ${path}.`); }
  if (size > BACKUP_LIMITS.maxFileBytes) throw new CliError(`Tệp sao lưu quá lớn (${size} byte).`, `The backup file is too large (${size} bytes).`);
  const h = await open(path, "r");
  let buf = Buffer.alloc(size);
  try {
    await h.read(buf, 0, size, 0);
  } finally {
    await h.close();
  }
  // The nightly job's blobs are gzip: read them as they are downloaded, within the same limit.
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try { buf = gunzipSync(buf, { maxOutputLength: BACKUP_LIMITS.maxFileBytes }); } catch (e) {
      if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new CliError("Tệp sao lưu (sau khi giải nén) quá lớn.", "The backup file is too large once decompressed.");
      throw new CliError("Tệp sao lưu nén gzip bị hỏng.", "The gzip backup file is damaged.");
    }
  }
  try { return new TextDecoder("utf-8", { fatal: true }).decode(buf); } catch { throw new CliError("Tệp sao lưu không phải văn bản UTF-8.", "The backup file is not UTF-8 text."); }
}

/** Who ran an unsigned restore, for its audit record: the operating-system account and machine. */
function operator(): string {
  let user = process.env.USER ?? process.env.USERNAME ?? "?";
  try { user = userInfo().username; } catch { /* no passwd entry in some containers: the environment's name */ }
  return `${user}@${hostname()}`;
}

const SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * `htct restore FILE [--accept-unsigned SHA256]`. Without the flag only a file this
 * installation signed is restored; with it, only an unsigned file whose checksum is exactly the
 * one the operator states (printed by `htct backup verify-legacy`), recorded in the province's
 * reference partition with who ran it.
 */
export async function restoreCommand(opts: { file: string; acceptUnsigned?: string; lang: Lang }): Promise<{ code: number; line: string }> {
  if (opts.acceptUnsigned !== undefined && !SHA256.test(opts.acceptUnsigned)) {
    throw new CliError("--accept-unsigned cần mã sha256 của tệp (64 chữ số hệ 16) do \"htct backup verify-legacy TỆP\" in ra.", "--accept-unsigned takes the file's sha256 (64 hex digits) as \"htct backup verify-legacy FILE\" prints it.");
  }
  const text = await readBounded(opts.file);
  let parsed;
  try { parsed = parseBackup(text, undefined, opts.acceptUnsigned !== undefined ? { sha256: opts.acceptUnsigned } : undefined); } catch (e) { return asCli(e); }
  const record = opts.acceptUnsigned !== undefined ? unsignedRestoreRecord(parsed, operator()) : null;
  try {
    const r = await restoreBackup(storage(), record ? { ...parsed, entities: [...parsed.entities, record] } : parsed);
    const where = `${parsed.province}${parsed.period ? (opts.lang === "vi" ? ` kỳ ${parsed.period}` : ` period ${parsed.period}`) : ""}`;
    const audited = record ? (opts.lang === "vi" ? ` Tệp không có chữ ký, khôi phục theo xác nhận của ${record.props.by!.v} (sha256 ${parsed.sha256}); đã ghi nhật ký ${record.rk}.` : ` The file is unsigned, restored on ${record.props.by!.v}'s acceptance (sha256 ${parsed.sha256}); recorded as ${record.rk}.`) : "";
    return {
      code: 0,
      line: opts.lang === "vi"
        ? `Đã khôi phục tỉnh ${where}: ${r.entities} bản ghi trong ${r.partitions} phân vùng.${audited}`
        : `Restored province ${where}: ${r.entities} entities in ${r.partitions} partitions.${audited}`,
    };
  } catch (e) {
    if (e instanceof BackupError) return { code: 1, line: opts.lang === "vi" ? `Lỗi: ${e.vi}` : `Error: ${e.en}` };
    return asCli(e);
  }
}

/**
 * `htct backup verify-legacy FILE`: checks a backup made before signing in every way restore
 * does except the signature (size, JSON, schema, checksum, every entity inside its province,
 * assignments only of its own people) and prints what it holds and the checksum to accept.
 * Reads no storage and writes nothing.
 */
export async function verifyLegacyCommand(opts: { file: string; lang: Lang }): Promise<string[]> {
  const text = await readBounded(opts.file);
  let f;
  try { f = inspectUnsigned(text); } catch (e) { return asCli(e); }
  const parts = Object.entries(f.counts).map(([k, n]) => `${k} ${n}`).join(", ");
  const vi = opts.lang === "vi";
  return vi
    ? [
      `Tệp sao lưu chưa ký, các kiểm tra khác đều đạt: tỉnh ${f.province}${f.period ? ` kỳ ${f.period}` : ""}, tạo lúc ${f.createdAt}, bảng ${f.table}, ${f.entities.length} bản ghi (${parts}).`,
      `sha256: ${f.sha256}`,
      "Mã kiểm tra này không có khóa: chỉ khôi phục nếu anh/chị biết chắc tệp là bản sao lưu gốc (so mã sha256 với bản ghi lúc sao lưu). Khi đó chạy:",
      `  htct restore ${opts.file} --accept-unsigned ${f.sha256}`,
    ]
    : [
      `Unsigned backup file, every other check passes: province ${f.province}${f.period ? ` period ${f.period}` : ""}, created ${f.createdAt}, table ${f.table}, ${f.entities.length} entities (${parts}).`,
      `sha256: ${f.sha256}`,
      "This checksum has no key: restore only if you know the file is the original backup (compare the sha256 with the one recorded when it was made). Then run:",
      `  htct restore ${opts.file} --accept-unsigned ${f.sha256}`,
    ];
}
