// shared/ runs in the browser and in Node: it must not reach for Node's
// built-ins, the environment, or any host folder.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { ROOT, resolveLocal, sourceFiles, specifiers } from "./import-graph.ts";

const IO_PACKAGES = /^(node:|fs$|fs\/|path$|os$|http$|https$|http2$|net$|tls$|dgram$|child_process$|worker_threads$|cluster$|crypto$|stream$|zlib$|process$|@azure\/)/;
const HOSTS = ["addin", "functions", "cli", "scripts", "bench", "seeds", "tests"];

describe("shared/ imports no I/O", () => {
  const files = sourceFiles("shared");

  it("scans the shared folder", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("names no Node built-in or I/O package", () => {
    const bad = files.flatMap((f) => specifiers(f).filter((s) => IO_PACKAGES.test(s)).map((s) => `${relative(ROOT, f)} → ${s}`));
    expect(bad).toEqual([]);
  });

  it("imports nothing from the hosts", () => {
    const bad = files.flatMap((f) =>
      specifiers(f)
        .map((s) => ({ s, target: resolveLocal(f, s) }))
        .filter(({ target }) => target !== null && !relative(ROOT, target).startsWith("shared/"))
        .map(({ s }) => `${relative(ROOT, f)} → ${s}`));
    expect(bad).toEqual([]);
    // The hosts list documents what "outside shared" means; keep it honest.
    expect(HOSTS.every((h) => !h.startsWith("shared"))).toBe(true);
  });

  it("reads no environment and requires nothing at run time", () => {
    const bad = files.filter((f) => /\bprocess\.(env|argv|exit|cwd)\b|\brequire\s*\(|\bDeno\.|\bBun\./.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(bad).toEqual([]);
  });
});
