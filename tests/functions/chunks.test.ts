import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { pack, packText, unpack, unpackText } from "../../functions/store/chunks.ts";
import { communeValues } from "../../scripts/demo.ts";

const first = (e: Record<string, Uint8Array | number>, p: string) => e[`${p}0`] as Uint8Array;

describe("chunks: gzip only where it pays", () => {
  it("small JSON is stored as it is, and reads back", () => {
    const v = { a: 1, b: "Xã mẫu 01", c: [null, true] };
    const e = pack("x", v);
    expect(e.xn).toBe(1);
    expect(Buffer.from(first(e, "x")).toString("utf8")).toBe(JSON.stringify(v));
    expect(unpack("x", e)).toEqual(v);
  });

  it("a unit's values are gzipped, much smaller, and read back", () => {
    const values = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`Xã mẫu ${i}`, communeValues(i)]));
    const json = JSON.stringify({ values });
    const e = packText("d", json);
    const bytes = first(e, "d");
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(bytes.byteLength).toBeLessThan(json.length / 5);
    expect(unpackText("d", e)).toBe(json);
  });

  it("rows written before (gzip of any size) read as before; a payload split over parts too", () => {
    const old = { dn: 1, d0: gzipSync(Buffer.from('{"v":1}')) };
    expect(unpack("d", old)).toEqual({ v: 1 });
    // Random text does not compress: several 64 KiB parts, reassembled in order.
    const noise = randomBytes(150_000).toString("base64");
    const e = pack("h", { noise });
    expect(e.hn).toBeGreaterThan(1);
    expect(unpack("h", e)).toEqual({ noise });
  });

  it("too large for one entity: a clear 413, Vietnamese first; a missing part is an error, not a wrong value", () => {
    const big = randomBytes(1_000_000).toString("base64");
    expect(() => pack("h", big)).toThrow(expect.objectContaining({ status: 413 }));
    const e = pack("h", { noise: big.slice(0, 200_000) });
    delete e.h1;
    expect(() => unpack("h", e)).toThrow(/missing part h1/);
    expect(unpack("h", {})).toBeNull();
  });
});
