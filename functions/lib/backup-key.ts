import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The key backups are signed with. It never travels in a backup: in Azure it is the app setting
 * HTCT_BACKUP_SIGNING_KEY (a Key Vault reference in production); locally, when no setting names
 * one and no Entra issuer is configured, `backup-hmac.key` in the dev key folder (created on first
 * use, like the dev issuer's key). The host and the CLI find it the same way, so a plain
 * backup → restore round trip needs no flag.
 */
export class BackupKeyError extends Error {
  override name = "BackupKeyError";
  constructor(public vi: string, public en: string) { super(en); }
}

export interface BackupKey { id: string; secret: Buffer }

const MIN_BYTES = 32;

export const keyIdOf = (secret: Buffer) => createHash("sha256").update(secret).digest("hex").slice(0, 16);

/** A setting's text as key bytes: base64 or hex of at least 32 bytes. */
function parseSecret(text: string): Buffer {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (bytes.length < MIN_BYTES) {
    throw new BackupKeyError(
      `Khóa ký bản sao lưu (HTCT_BACKUP_SIGNING_KEY) quá ngắn: cần ít nhất ${MIN_BYTES} byte, viết dạng base64 hoặc hex.`,
      `The backup signing key (HTCT_BACKUP_SIGNING_KEY) is too short: at least ${MIN_BYTES} bytes, written as base64 or hex.`,
    );
  }
  return bytes;
}

/** Whether this process may fall back to the local key file (no setting, no Entra issuer). */
export function localKeyAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.HTCT_BACKUP_SIGNING_KEY && (env.AUTH_MODE === "dev" || !env.AUTH_ISSUER);
}

function localKey(dir: string): Buffer {
  const file = join(dir, "backup-hmac.key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Exclusive create: a concurrent first use in another process keeps its key, this one reads it.
    try { writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" }); } catch { /* read below */ }
  }
  return parseSecret(readFileSync(file, "utf8"));
}

export function backupKey(env: NodeJS.ProcessEnv = process.env): BackupKey {
  if (env.HTCT_BACKUP_SIGNING_KEY) { const secret = parseSecret(env.HTCT_BACKUP_SIGNING_KEY); return { id: keyIdOf(secret), secret }; }
  if (!localKeyAllowed(env)) {
    throw new BackupKeyError(
      "Chưa có khóa ký bản sao lưu: đặt HTCT_BACKUP_SIGNING_KEY (trong Azure: thiết lập ứng dụng, tham chiếu Key Vault).",
      "No backup signing key: set HTCT_BACKUP_SIGNING_KEY (in Azure: an app setting, a Key Vault reference).",
    );
  }
  const secret = localKey(env.AUTH_DEV_KEY_DIR || ".dev-keys");
  return { id: keyIdOf(secret), secret };
}

export const hmac = (key: BackupKey, text: string) => createHmac("sha256", key.secret).update(text, "utf8").digest("hex");

/** Constant-time comparison of two hex MACs of the same length. */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex"), y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
