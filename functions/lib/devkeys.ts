import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

/**
 * The local dev issuer's signing key: created on first use under `.dev-keys/` (gitignored), so
 * every checkout signs with its own key and no key is ever committed.
 */
export const DEV_ALG = "ES256";

const pending = new Map<string, Promise<{ privateJwk: JWK; publicJwk: JWK }>>();

/** Concurrent first calls in one process share one key (the files are written once). */
export function ensureDevKeys(dir: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  let p = pending.get(dir);
  if (!p) { p = loadOrCreate(dir); pending.set(dir, p); p.catch(() => pending.delete(dir)); }
  return p;
}

async function loadOrCreate(dir: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const priv = join(dir, "private.jwk.json");
  const pub = join(dir, "public.jwk.json");
  if (existsSync(priv) && existsSync(pub)) {
    return { privateJwk: JSON.parse(readFileSync(priv, "utf8")) as JWK, publicJwk: JSON.parse(readFileSync(pub, "utf8")) as JWK };
  }
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALG, { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: DEV_ALG };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: DEV_ALG };
  mkdirSync(dir, { recursive: true });
  // Exclusive create: if another process won the race, use its key instead of overwriting it.
  try {
    writeFileSync(priv, JSON.stringify(privateJwk, null, 2), { mode: 0o600, flag: "wx" });
  } catch {
    await new Promise((r) => setTimeout(r, 50));
    return { privateJwk: JSON.parse(readFileSync(priv, "utf8")) as JWK, publicJwk: JSON.parse(readFileSync(pub, "utf8")) as JWK };
  }
  writeFileSync(pub, JSON.stringify(publicJwk, null, 2));
  return { privateJwk, publicJwk };
}

export async function devPublicKey(dir: string): Promise<CryptoKey | Uint8Array> {
  const { publicJwk } = await ensureDevKeys(dir);
  return importJWK(publicJwk, DEV_ALG);
}
