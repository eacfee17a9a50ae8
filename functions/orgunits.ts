import { app } from "@azure/functions";
import { createHash } from "node:crypto";
import { ProvinceParams, type OrgUnitsResponse } from "../shared/contract/index.ts";
import type { OrgUnit } from "../shared/index.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, jsonText, parseParams } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { requireRegistry } from "./lib/province-registry.ts";

/** The answer and its ETag per registry object (the store returns the same array until the row changes). */
const answers = new WeakMap<readonly OrgUnit[], { text: string; etag: string }>();

/**
 * Any assigned user may read a registry: names of units are not confidential, data is. The ETag
 * lets the CLI keep the registry and ask again with If-None-Match: a national registry is
 * megabytes, an unchanged one is a 304.
 */
app.http("orgunits", routeOf("orgunits", handle(async (req) => {
  await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  const units = await requireRegistry(await ready(), province);
  let a = answers.get(units);
  if (!a) {
    const body: OrgUnitsResponse = { province, units };
    const text = JSON.stringify(body);
    a = { text, etag: `"${createHash("sha256").update(text).digest("base64url").slice(0, 32)}"` };
    answers.set(units, a);
  }
  const asked = req.headers.get("if-none-match");
  if (asked && asked.split(",").map((s) => s.trim()).includes(a.etag)) return { status: 304, headers: { ETag: a.etag, "Cache-Control": "no-cache" } };
  return jsonText(200, a.text, { ETag: a.etag, "Cache-Control": "no-cache" });
})));
