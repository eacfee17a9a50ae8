import { Inflate } from "fflate";
import { XlsxError, damaged, tooLarge } from "./errors.ts";

/**
 * The zip container of an .xlsx, read lazily: the central directory once, then only the parts
 * asked for, inflated in slices so a sheet's XML is never held whole. fflate does the inflating
 * (pure JS, so the same code runs in a Web Worker); the directory is read here because fflate
 * gives no offsets to stream an entry from.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

export interface ZipLimits {
  /** Most bytes one part may inflate to (a zip bomb stops here, not in memory). */
  maxPartBytes: number;
  /** Most entries the directory may list. */
  maxEntries: number;
}

/**
 * A host's own inflater for a whole part (Node's zlib, native: 3–4× fflate), used for parts of at
 * most `maxBytes` inflated; it must throw past `size` bytes. Larger parts stream through fflate,
 * so memory stays bounded whatever the file.
 */
export interface WholeInflater { inflate(raw: Uint8Array, size: number): Uint8Array; maxBytes: number }

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxPartBytes: 2 * 1024 ** 3 - 1, maxEntries: 10_000 };

const SLICE = 64 * 1024;
const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;

export class Zip {
  readonly entries = new Map<string, ZipEntry>();
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array, private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS, private readonly whole?: WholeInflater) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 4 || this.u32(0) !== LFH) {
      if (bytes.length >= 4 && this.u32(0) === 0xe011cfd0) {
        throw new XlsxError("old-format", "Tệp được đặt mật khẩu hoặc là định dạng .xls cũ. Hãy bỏ mật khẩu hoặc lưu lại thành .xlsx trong Excel.", "The file is password-protected or an old .xls file. Remove the password or save it as .xlsx in Excel.");
      }
      throw new XlsxError("not-zip", "Tệp không phải là tệp Excel .xlsx.", "The file is not an .xlsx workbook.");
    }
    this.readDirectory();
  }

  private u16(at: number): number { return this.view.getUint16(at, true); }
  private u32(at: number): number { return this.view.getUint32(at, true); }

  private readDirectory(): void {
    const n = this.bytes.length;
    // The end record sits in the last 22 bytes plus a comment of at most 65,535.
    let end = -1;
    for (let i = n - 22; i >= Math.max(0, n - 22 - 65535); i--) {
      if (this.u32(i) === EOCD) { end = i; break; }
    }
    if (end < 0) throw damaged("thiếu mục lục zip / no zip directory: the file may be cut short");
    const count = this.u16(end + 10);
    const cdSize = this.u32(end + 12);
    const cdOffset = this.u32(end + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new XlsxError("unsupported", "Tệp dùng định dạng zip64, chưa đọc được; hãy lưu lại trong Excel.", "The file uses zip64, which is not read; save it again in Excel.");
    if (count > this.limits.maxEntries) throw tooLarge({ vi: `${count} phần trong tệp zip`, en: `${count} parts in the zip` });
    if (cdOffset + cdSize > end) throw damaged("mục lục zip sai / zip directory out of bounds");
    let at = cdOffset;
    for (let k = 0; k < count; k++) {
      if (at + 46 > end || this.u32(at) !== CDH) throw damaged("mục lục zip sai / bad zip directory entry");
      const flags = this.u16(at + 8);
      const method = this.u16(at + 10);
      const compressedSize = this.u32(at + 20);
      const size = this.u32(at + 24);
      const nameLen = this.u16(at + 28);
      const extraLen = this.u16(at + 30);
      const commentLen = this.u16(at + 32);
      const offset = this.u32(at + 42);
      if (at + 46 + nameLen > end) throw damaged("mục lục zip sai / bad zip directory entry");
      const name = new TextDecoder().decode(this.bytes.subarray(at + 46, at + 46 + nameLen));
      if (flags & 1) throw new XlsxError("encrypted", "Tệp được mã hóa (đặt mật khẩu). Hãy bỏ mật khẩu trong Excel rồi gửi lại.", "The file is encrypted (password-protected). Remove the password in Excel and try again.");
      this.entries.set(name.replace(/^\/+/, ""), { name, method, compressedSize, size, offset });
      at += 46 + nameLen + extraLen + commentLen;
    }
  }

  has(name: string): boolean { return this.entries.has(name); }

  /**
   * Streams a part's bytes to `sink` in slices as they inflate; stops with a clear error past
   * the part limit or when the inflated size disagrees with the directory.
   */
  stream(name: string, sink: (chunk: Uint8Array) => void, maxBytes = this.limits.maxPartBytes): void {
    const e = this.entries.get(name);
    if (!e) throw new XlsxError("missing-part", `Tệp thiếu phần "${name}".`, `The file lacks its part "${name}".`);
    const tooBig = () => tooLarge({ vi: `phần "${name}" vượt ${Math.round(maxBytes / 1048576)} MB khi giải nén`, en: `part "${name}" inflates beyond ${Math.round(maxBytes / 1048576)} MB` });
    if (e.size > maxBytes) throw tooBig();
    const h = e.offset;
    if (h + 30 > this.bytes.length || this.u32(h) !== LFH) throw damaged(`phần "${name}" / part "${name}"`);
    const start = h + 30 + this.u16(h + 26) + this.u16(h + 28);
    const stop = start + e.compressedSize;
    if (stop > this.bytes.length) throw damaged(`phần "${name}" bị cắt cụt / part "${name}" is cut short`);
    const data = this.bytes.subarray(start, stop);
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw damaged(`phần "${name}" / part "${name}"`);
      for (let i = 0; i < data.length; i += SLICE) sink(data.subarray(i, Math.min(data.length, i + SLICE)));
      return;
    }
    if (e.method !== 8) throw new XlsxError("unsupported", `Phần "${name}" nén theo cách chưa đọc được (${e.method}); hãy lưu lại trong Excel.`, `Part "${name}" uses compression ${e.method}, which is not read; save it again in Excel.`);
    if (this.whole && e.size <= this.whole.maxBytes) {
      let all: Uint8Array;
      try {
        all = this.whole.inflate(data, e.size);
      } catch {
        throw damaged(`phần "${name}" không giải nén được / part "${name}" does not inflate`);
      }
      if (all.length !== e.size) throw damaged(`phần "${name}" bị cắt cụt / part "${name}" is cut short`);
      for (let i = 0; i < all.length; i += SLICE) sink(all.subarray(i, Math.min(all.length, i + SLICE)));
      return;
    }
    let out = 0;
    let ended = false;
    const inflate = new Inflate((chunk, final) => {
      out += chunk.length;
      if (out > maxBytes) throw tooBig();
      if (chunk.length) sink(chunk);
      if (final) ended = true;
    });
    try {
      for (let i = 0; i < data.length; i += SLICE) {
        const j = Math.min(data.length, i + SLICE);
        inflate.push(data.subarray(i, j), j === data.length);
      }
      if (data.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (err) {
      // fflate's errors carry a numeric code and say nothing a clerk can use; the sink's own
      // (malformed XML, limits) are already clear.
      if (!(err instanceof Error) || typeof (err as Error & { code?: unknown }).code !== "number") throw err;
      throw damaged(`phần "${name}" không giải nén được / part "${name}" does not inflate`);
    }
    if (!ended || out !== e.size) throw damaged(`phần "${name}" bị cắt cụt / part "${name}" is cut short`);
  }
}
