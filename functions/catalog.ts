import { app, type HttpResponseInit } from "@azure/functions";
import { catalogFor, getCatalog, type Catalog } from "../shared/index.ts";
import { CatalogQuery, type CatalogResponse } from "../shared/contract/index.ts";
import { handle, parseQuery } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";

/** The answer per catalog view: the whole catalog, or one period's (catalogFor caches the view per day). */
const bodies = new WeakMap<Catalog, string>();

app.http("catalog", routeOf("catalog", handle(async (req): Promise<HttpResponseInit> => {
  const { period } = parseQuery(CatalogQuery, req);
  const c = period ? catalogFor(getCatalog(), period) : getCatalog();
  let body = bodies.get(c);
  if (!body) {
    const out: CatalogResponse = { version: c.version, indicators: c.indicators as unknown as CatalogResponse["indicators"], rules: c.rules, abbreviations: c.abbreviations };
    body = JSON.stringify(out);
    bodies.set(c, body);
  }
  const etag = `"catalog-${c.version}${period ? `-${period}` : ""}"`;
  if (req.headers.get("if-none-match") === etag) return { status: 304, headers: { ETag: etag } };
  return { status: 200, body, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=3600", ETag: etag } };
})));
