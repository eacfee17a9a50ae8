import { describe, expect, it } from "vitest";
import { loadPrefs, paneStorage, savePrefs } from "../../addin/src/prefs.ts";
import { uuid } from "../../addin/src/uuid.ts";

/** A Storage as browsers give it (string keys and values). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; }, clear: () => m.clear(), key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null, setItem: (k, v) => { m.set(k, String(v)); }, removeItem: (k) => { m.delete(k); },
  };
}

describe("the pane's storage", () => {
  it("survives a browser that throws on reading localStorage (blocked third-party storage): prefs kept for the session", () => {
    const store = paneStorage("p1", () => { throw new DOMException("The operation is insecure.", "SecurityError"); });
    expect(loadPrefs(store).server).toBe("");
    savePrefs({ ...loadPrefs(store), server: "https://htct.example.org" }, store);
    expect(loadPrefs(store).server).toBe("https://htct.example.org");
  });

  it("survives setItem throwing (quota, private mode)", () => {
    const s = memoryStorage();
    s.setItem = () => { throw new DOMException("QuotaExceededError", "QuotaExceededError"); };
    const store = paneStorage(undefined, () => s);
    savePrefs({ ...loadPrefs(store), devUser: "clerk-X" }, store);
    expect(loadPrefs(store).devUser).toBe("clerk-X");
  });

  it("keys by Office's partition key, so two partitions do not share preferences", () => {
    const s = memoryStorage();
    const a = paneStorage("tenant-a", () => s), b = paneStorage("tenant-b", () => s);
    savePrefs({ ...loadPrefs(a), server: "https://a.example.org" }, a);
    expect(loadPrefs(b).server).toBe("");
    expect(s.getItem("tenant-a/htct.prefs")).toContain("a.example.org");
  });

  it("reads garbage as defaults", () => {
    const s = memoryStorage();
    s.setItem("htct.prefs", "{not json");
    expect(loadPrefs(paneStorage(undefined, () => s)).method).toBe("dev");
    s.setItem("htct.prefs", JSON.stringify({ server: 42, method: "<script>" }));
    expect(loadPrefs(paneStorage(undefined, () => s))).toMatchObject({ server: "", method: "dev" });
  });
});

describe("uuid", () => {
  it("falls back to getRandomValues where randomUUID is missing (Safari before 15.4), as a v4 UUID", () => {
    const ids = new Set(Array.from({ length: 200 }, () => uuid({ getRandomValues: (a) => globalThis.crypto.getRandomValues(a) })));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
