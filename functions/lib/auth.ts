import type { HttpRequest } from "@azure/functions";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { USER_ID, type Assignment, type Role } from "../../shared/contract/index.ts";
import { ready } from "../store/client.ts";
import { readAssignment } from "../store/reference.ts";
import { devPublicKey, DEV_ALG } from "./devkeys.ts";
import { ApiError, fail } from "./errors.ts";
import { settings } from "./settings.ts";

export interface Principal {
  user: string;
  /** The token's display name (Entra ID `name`), else the assignment's, else the user id. */
  displayName: string;
  assignment: Assignment;
}

/** The Entra app role (the token's `roles` claim) that makes a signed-in person an operator. */
export const OPERATOR_APP_ROLE = "HTCT.Operator";

type Verify = (token: string) => Promise<JWTPayload>;
/** Clock tolerance on `exp`/`nbf`: the dev issuer 30 s, Entra ID 60 s. */
const DEV_TOLERANCE_S = 30;
const ENTRA_TOLERANCE_S = 60;
let verifier: Verify | null = null;

/**
 * Tokens whose signature and claims were verified, by their exact text: a client sends the same
 * token on every request for its lifetime, and re-checking an ECDSA/RSA signature each time was
 * the largest single cost of authentication. The signature covers every byte, so the same text
 * verifies the same way; what changes with time is expiry, so an entry is used only until the
 * token's `exp` (plus the verifier's tolerance) and never longer than REVERIFY_MS after it was
 * verified (a signing key withdrawn from the JWKS stops being honoured within that time). The
 * assignment is still read on every request: revocation stays immediate.
 */
const verified = new Map<string, { payload: JWTPayload; until: number }>();
const MAX_VERIFIED = 10_000;
const REVERIFY_MS = 5 * 60_000;

async function verifyOnce(token: string): Promise<JWTPayload> {
  const now = Date.now();
  const hit = verified.get(token);
  if (hit && now < hit.until) return hit.payload;
  if (hit) verified.delete(token);
  verifier ??= makeVerifier();
  const payload = await verifier(token);
  // jose accepted it, so exp is present (requiredClaims) and not past, less the tolerance.
  const until = Math.min(((payload.exp ?? 0) + toleranceSeconds()) * 1000, now + REVERIFY_MS);
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
  verified.set(token, { payload, until });
  return payload;
}

/** The clock tolerance the verifier allows on `exp` (dev issuer 30 s, Entra ID 60 s). */
function toleranceSeconds(): number {
  return settings().auth.mode === "dev" ? DEV_TOLERANCE_S : ENTRA_TOLERANCE_S;
}


/**
 * Entra ID puts the application ID URI (api://<client id>) in v1 tokens' `aud` and the bare
 * client ID in v2 tokens' (requestedAccessTokenVersion 2, as the add-in's registration asks): one
 * API, either spelling.
 */
export function audiences(audience: string): string[] {
  const m = /^api:\/\/([^/]+)$/.exec(audience);
  if (m) return [audience, m[1]!];
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(audience) ? [audience, `api://${audience}`] : [audience];
}

function makeVerifier(): Verify {
  const s = settings().auth;
  const audience = audiences(s.audience);
  if (s.mode === "dev") {
    const key = devPublicKey(s.keyDir);
    return async (token) => (await jwtVerify(token, await key, { issuer: s.issuer, audience, algorithms: [DEV_ALG], clockTolerance: DEV_TOLERANCE_S, requiredClaims: ["exp"] })).payload;
  }
  const jwks = createRemoteJWKSet(new URL(s.jwksUri));
  return async (token) => (await jwtVerify(token, jwks, { issuer: s.issuer, audience, algorithms: ["RS256"], clockTolerance: ENTRA_TOLERANCE_S, requiredClaims: ["exp"] })).payload;
}

/** The library's code, for the log. */
function detailOf(e: unknown): string {
  if (e instanceof errors.JWTClaimValidationFailed) return `${e.code} (claim ${e.claim})`;
  if (e instanceof errors.JOSEError) return e.code;
  return e instanceof Error ? e.name : "unknown";
}

/**
 * Who is calling: a verified bearer token, then the assignment table (the token says who, the
 * table says what they may touch). No token, a bad one (a token without `exp` never expires, so it
 * is refused too), or no assignment at all is 401.
 */
export async function authenticate(req: HttpRequest): Promise<Principal> {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!m) throw fail.unauthorized(header ? "malformed" : "no_token");
  let payload: JWTPayload;
  try {
    payload = await verifyOnce(m[1]!);
  } catch (e) {
    throw fail.unauthorized(e instanceof errors.JWTExpired ? "expired" : "rejected", detailOf(e));
  }
  // Entra ID: the object id is stable across apps and renames; the dev issuer puts the id in sub.
  const user = typeof payload.oid === "string" ? payload.oid : payload.sub;
  if (!user || user.length > 200 || /[/\\#?\u0000-\u001f\u007f]/.test(user)) throw fail.unauthorized("no_subject");
  // In production operators are an Entra app role, not a table row: no row names them, none can be forged by one.
  const operator = Array.isArray(payload.roles) && payload.roles.includes(OPERATOR_APP_ROLE);
  let assignment: Assignment | null = operator ? { user, role: "operator", unit: null } : await readAssignment(await ready(), user);
  // A province may assign people by UPN (what staff know of a colleague); the object id is tried first.
  const upn = typeof payload.upn === "string" ? payload.upn : typeof payload.preferred_username === "string" ? payload.preferred_username : null;
  if (!assignment && upn && upn !== user && USER_ID.test(upn)) assignment = await readAssignment(await ready(), upn);
  if (!assignment) throw new ApiError(403, "forbidden", { vi: "Tài khoản chưa được phân công đơn vị nào.", en: "This account has no assignment." });
  const claimed = typeof payload.name === "string" ? payload.name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) : "";
  return { user, displayName: claimed || assignment.name || user, assignment };
}

export function requireRole(p: Principal, roles: readonly Role[]): void {
  if (!roles.includes(p.assignment.role)) {
    throw fail.forbidden(`This action needs one of the roles: ${roles.join(", ")}.`, `Thao tác này dành cho vai trò: ${roles.join(", ")}.`);
  }
}
