import { SignJWT, importJWK } from "jose";
import { DEV_ALG, ensureDevKeys } from "./devkeys.ts";
import { DEV_AUDIENCE, DEV_ISSUER } from "./settings.ts";

/** A token from the local dev issuer, for the token script, the seed script and tests. */
export async function signDevToken(opts: { user: string; keyDir: string; expiresIn?: string; issuer?: string; audience?: string; name?: string }): Promise<string> {
  const { privateJwk } = await ensureDevKeys(opts.keyDir);
  const key = await importJWK(privateJwk, DEV_ALG);
  return new SignJWT({ name: opts.name ?? opts.user })
    .setProtectedHeader({ alg: DEV_ALG, kid: privateJwk.kid ?? "dev", typ: "JWT" })
    .setSubject(opts.user)
    .setIssuer(opts.issuer ?? DEV_ISSUER)
    .setAudience(opts.audience ?? DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? "8h")
    .sign(key);
}
