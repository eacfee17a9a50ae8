import { SignJWT, importJWK } from "jose";
import { DEV_ALG, ensureDevKeys } from "./devkeys.ts";
import { DEV_AUDIENCE, DEV_ISSUER } from "./settings.ts";

/** A token from the local dev issuer, for the token script, the seed script and tests. */
export async function signDevToken(opts: { user: string; keyDir: string; expiresIn?: string | null; issuer?: string; audience?: string; name?: string; roles?: string[]; upn?: string }): Promise<string> {
  const { privateJwk } = await ensureDevKeys(opts.keyDir);
  const key = await importJWK(privateJwk, DEV_ALG);
  // `roles` as Entra puts a user's app roles (HTCT.Operator) in the token.
  const jwt = new SignJWT({ name: opts.name ?? opts.user, ...(opts.roles ? { roles: opts.roles } : {}), ...(opts.upn ? { upn: opts.upn } : {}) })
    .setProtectedHeader({ alg: DEV_ALG, kid: privateJwk.kid ?? "dev", typ: "JWT" })
    .setSubject(opts.user)
    .setIssuer(opts.issuer ?? DEV_ISSUER)
    .setAudience(opts.audience ?? DEV_AUDIENCE)
    .setIssuedAt();
  // null leaves the expiry out: only tests ask for that, to see such a token refused.
  if (opts.expiresIn !== null) jwt.setExpirationTime(opts.expiresIn ?? "8h");
  return jwt.sign(key);
}
