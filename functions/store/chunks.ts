import { gunzipSync, gzipSync } from "node:zlib";
import { ApiError } from "../lib/errors.ts";

/**
 * JSON payloads stored as bytes, split into binary properties of at most 64 KiB (the per-property
 * limit), `<prefix>0..<prefix>n`, with `<prefix>n` = count. 14 parts keep an entity under 1 MiB.
 *
 * Gzip only where it pays: below RAW_MAX bytes the JSON is stored as it is (a gzip call costs
 * about 0.6 ms however small its input, and saves a few hundred bytes at most); above, gzip at
 * level 3, which on a reporting unit's values (30 KB → 2.2 KB) is about twice as fast as the default 6
 * for 20 % more bytes. No marker is needed: gzip starts with 0x1f 0x8b, JSON text never with
 * 0x1f, so rows written before this (all gzip) read as they always did.
 */
const PART = 64 * 1024;
const MAX_PARTS = 14;
const RAW_MAX = 4 * 1024;
const GZIP_LEVEL = 3;

export function pack(prefix: string, value: unknown): Record<string, Uint8Array | number> {
  return packText(prefix, JSON.stringify(value));
}

/** As pack, for JSON the caller has already serialised (e.g. the HTTP answer it also sends). */
export function packText(prefix: string, json: string): Record<string, Uint8Array | number> {
  const text = Buffer.from(json, "utf8");
  const bytes = text.byteLength <= RAW_MAX ? text : gzipSync(text, { level: GZIP_LEVEL });
  const parts = Math.max(1, Math.ceil(bytes.byteLength / PART));
  if (parts > MAX_PARTS) {
    throw new ApiError(413, "payload_too_large", {
      vi: "Dữ liệu quá lớn để lưu trong một lần nộp.",
      en: "The data is too large to store in one submission.",
    });
  }
  const out: Record<string, Uint8Array | number> = { [`${prefix}n`]: parts };
  // Buffer views, not bare Uint8Array views: the SDK base64-encodes a Buffer as it is but a plain
  // Uint8Array through its whole underlying ArrayBuffer.
  for (let i = 0; i < parts; i++) out[`${prefix}${i}`] = bytes.subarray(i * PART, (i + 1) * PART);
  return out;
}

export function unpack<T>(prefix: string, entity: Record<string, unknown>): T | null {
  const text = unpackText(prefix, entity);
  return text === null ? null : (JSON.parse(text) as T);
}

/** The stored JSON text, not parsed (a replayed answer is sent as it was stored). */
export function unpackText(prefix: string, entity: Record<string, unknown>): string | null {
  const n = entity[`${prefix}n`];
  if (typeof n !== "number") return null;
  const parts: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const p = entity[`${prefix}${i}`];
    if (!(p instanceof Uint8Array)) throw new Error(`missing part ${prefix}${i}`);
    parts.push(Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  }
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  return (isGzip(bytes) ? gunzipSync(bytes) : bytes).toString("utf8");
}

function isGzip(b: Buffer): boolean {
  return b.byteLength >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}
