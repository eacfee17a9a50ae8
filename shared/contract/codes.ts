import { z } from "zod";

/**
 * Identifiers that become Table Storage keys. The patterns exclude `/ \ # ?` and control
 * characters by construction, so a request that would need key escaping never reaches storage.
 */
/**
 * A unit's id as the registry holds it (shared/registry/identity.ts): where the statistics office
 * reused a code, the later unit's id carries its first day ("00004@2025-07-01", "80@2025-07-01"),
 * and the API must address it, so "@" and an ISO day are allowed after the code ("@" needs no
 * escaping in a URL path or a table key).
 */
export const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{0,39}(@\d{4}-\d{2}-\d{2})?$/;
export const UnitCode = z.string().regex(UNIT_CODE, "org-unit codes are 1–40 capital letters, digits and dashes, then @ and the first day where the code was reused");

/** A reporting period: a year, a month, a quarter or a half year ("2024", "2024-06", "2024-Q2", "2024-H1"). */
export const PERIOD = /^(19|20)\d{2}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/;
export const Period = z.string().regex(PERIOD, "periods look like 2024, 2024-06, 2024-Q2 or 2024-H1");

export const CatalogVersion = z.string().regex(/^\d+\.\d+\.\d+$/, "catalog versions are x.y.z");

export const IndicatorCodeWire = z
  .string()
  .max(80)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "indicator codes are dotted lower-case words");

/** Printable text without control characters (they break logs and some Excel builds). */
export const SafeText = (max: number) =>
  z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, "control characters are not allowed");

/** Idempotency keys are opaque to the server: printable ASCII, as the IETF draft recommends. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,200}$/, "Idempotency-Key must be 8–200 printable ASCII characters");

