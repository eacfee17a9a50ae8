import { gunzipSync, gzipSync } from "node:zlib";
import { ApiError } from "../lib/errors.ts";

/**
 * JSON payloads stored as gzip, split into binary properties of at most 64 KiB (the per-property
 * limit), `<prefix>0..<prefix>n`, with `<prefix>n` = count. 14 parts keep an entity under 1 MiB.
 */
const PART = 64 * 1024;
const MAX_PARTS = 14;

export function pack(prefix: string, value: unknown): Record<string, Uint8Array | number> {
  return packText(prefix, JSON.stringify(value));
}

/** As pack, for JSON the caller has already serialised (e.g. the HTTP answer it also sends). */
export function packText(prefix: string, json: string): Record<string, Uint8Array | number> {
  const bytes = gzipSync(Buffer.from(json, "utf8"));
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
  return gunzipSync(parts.length === 1 ? parts[0]! : Buffer.concat(parts)).toString("utf8");
}
