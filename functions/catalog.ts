import { app, type HttpResponseInit } from "@azure/functions";
import { getCatalog } from "../shared/index.ts";
import type { CatalogResponse } from "../shared/contract/index.ts";
import { handle } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";

let body: string | null = null;

app.http("catalog", routeOf("catalog", handle(async (req): Promise<HttpResponseInit> => {
  const c = getCatalog();
  if (!body) {
    const out: CatalogResponse = { version: c.version, indicators: c.indicators as unknown as CatalogResponse["indicators"], rules: c.rules, abbreviations: c.abbreviations };
    body = JSON.stringify(out);
  }
  const etag = `"catalog-${c.version}"`;
  if (req.headers.get("if-none-match") === etag) return { status: 304, headers: { ETag: etag } };
  return { status: 200, body, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=3600", ETag: etag } };
})));
