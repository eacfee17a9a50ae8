import { z } from "zod";
import { ROUTES, type RouteSpec } from "./api.ts";
import { ErrorBody } from "./errors.ts";

const ERROR_STATUSES: Record<number, string> = {
  400: "Malformed request", 401: "No valid token", 403: "Not allowed for this user", 404: "Not found",
  409: "Conflict", 413: "Body too large", 415: "Not JSON", 422: "Invalid or unmapped data", 423: "Period locked", 503: "Storage unavailable",
};

function schema(s: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const out = z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function parameters(spec: RouteSpec): unknown[] {
  const out: unknown[] = [];
  for (const [where, s] of [["path", spec.params], ["query", spec.query]] as const) {
    if (!s) continue;
    const js = schema(s, "input") as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, p] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), schema: p });
    }
  }
  for (const h of spec.headers ?? []) out.push({ name: h.name, in: "header", required: h.required, description: h.description, schema: { type: "string" } });
  return out;
}

/** OpenAPI 3.1 for the API, from the same zod schemas the functions parse with. */
export function buildOpenApi(opts: { serverUrl?: string; catalogVersion: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const responses: Record<string, unknown> = {};
    for (const [status, s] of Object.entries(spec.responses)) {
      responses[status] = spec.produces
        ? { description: "OK", content: Object.fromEntries(spec.produces.map((t) => [t, { schema: { type: "string" } }])) }
        : { description: "OK", content: { "application/json": { schema: name === "openapi" ? { type: "object" } : schema(s, "output") } } };
    }
    const statuses = new Set<number>([400, 503]);
    if (spec.roles.length) { statuses.add(401); statuses.add(403); }
    if (spec.params) statuses.add(404);
    for (const s of Object.keys(spec.errors ?? {})) statuses.add(Number(s));
    for (const status of [...statuses].sort()) {
      const s = spec.errors?.[status] ?? ErrorBody;
      responses[String(status)] = { description: ERROR_STATUSES[status] ?? "Error", content: { "application/json": { schema: schema(s, "output") } } };
    }
    const op: Record<string, unknown> = {
      operationId: name,
      summary: spec.summary,
      parameters: parameters(spec),
      responses,
      ...(spec.roles.length ? { security: [{ bearer: [] }], "x-roles": spec.roles } : { security: [] }),
    };
    if (spec.body) op.requestBody = { required: true, content: { "application/json": { schema: schema(spec.body, "input") } } };
    const path = `/api/${spec.route}`;
    (paths[path] ??= {})[spec.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "HTCT indicators API", version: opts.catalogVersion, description: "Submissions, rollups and consolidation of grassroots political-system indicators." },
    servers: opts.serverUrl ? [{ url: opts.serverUrl }] : [],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    paths,
  };
}
