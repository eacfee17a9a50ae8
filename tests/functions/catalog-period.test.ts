import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CatalogResponse, ErrorBody } from "../../shared/contract/index.ts";
import { startStack, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

describe("GET /api/catalog?period=", () => {
  const communes = (body: unknown) => CatalogResponse.parse(body).indicators.find((i) => i.code === "org.communes")?.label.vi;
  it("gives the period's structure: 'Số xã, phường, đặc khu' from 1/7/2025, the old labels before, everything without a period", async () => {
    const now = await s.call("GET", "/api/catalog?period=2026");
    expect(now.status).toBe(200);
    expect(communes(now.json)).toBe("Số xã, phường, đặc khu");
    expect(CatalogResponse.parse(now.json).indicators.some((i) => i.code === "org.communes.thi_tran")).toBe(false);
    expect(communes((await s.call("GET", "/api/catalog?period=2024-H2")).json)).toBe("Số xã, phường, thị trấn");
    const all = CatalogResponse.parse((await s.call("GET", "/api/catalog")).json).indicators.map((i) => i.code);
    expect(all).toEqual(expect.arrayContaining(["org.communes.thi_tran", "org.communes.dac_khu"]));
    expect(now.headers.get("etag")).not.toBe((await s.call("GET", "/api/catalog")).headers.get("etag"));
  });

  it("refuses a malformed or unknown query with 400 and a Vietnamese message", async () => {
    for (const q of ["period=2026-13", "period=x".repeat(500), "period=2026&extra=1", "period=%00"]) {
      const r = await s.call("GET", `/api/catalog?${q}`);
      expect(r.status, q).toBe(400);
      expect(ErrorBody.parse(r.json).message.vi).toContain("Tham số truy vấn không hợp lệ");
    }
  });
});
