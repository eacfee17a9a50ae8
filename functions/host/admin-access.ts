import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/** What the local host knows about a caller of its admin routes. */
export interface AdminCaller {
  remoteAddress: string | undefined;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  key: string | undefined;
}

export type AdminDecision = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopbackAddress(a: string | undefined): boolean {
  if (!a) return false;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  if (isIP(v4) === 4) return v4.startsWith("127.");
  return a === "::1";
}

function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.replace(/:\d+$/, "");
}

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given), b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The admin routes run the nightly job and list the app, so they are not for anyone who can
 * reach the port. As the Functions host does, the master key (x-functions-key) opens them;
 * without a key only a program on this machine may call: a loopback connection, to a loopback
 * host name (a DNS-rebound page sends its own name), with no Origin and no cross-site fetch
 * metadata (any web page's request carries one or the other), so a page a developer opens
 * cannot trigger the job, preflight or not.
 */
export function adminAccess(c: AdminCaller, masterKey: string | null): AdminDecision {
  if (c.key !== undefined) {
    if (masterKey && sameKey(c.key, masterKey)) return { allowed: true };
    return { allowed: false, status: 401, reason: "wrong key" };
  }
  if (!isLoopbackAddress(c.remoteAddress)) return { allowed: false, status: 403, reason: "not a loopback caller" };
  if (!c.host || !LOOPBACK_NAMES.has(hostName(c.host))) return { allowed: false, status: 403, reason: "not a loopback host name" };
  if (c.origin !== undefined) return { allowed: false, status: 403, reason: "called from a web page" };
  if (c.secFetchSite !== undefined && c.secFetchSite !== "none" && c.secFetchSite !== "same-origin") return { allowed: false, status: 403, reason: "cross-site request" };
  return { allowed: true };
}
