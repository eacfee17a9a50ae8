import type { z } from "zod";
import { ROUTES, type RouteName } from "./api.ts";
import { ErrorBody } from "./errors.ts";

/**
 * One HTTP client for every host, built from the route table: paths from `ROUTES`, answers
 * checked against the statuses each route lists. No I/O of its own: the host passes `fetch`, the
 * token and (per call) a retry policy, and turns refusals into its own errors (the CLI's
 * messages, the pane's ApiError kinds).
 */

type Spec<N extends RouteName> = (typeof ROUTES)[N];
type Listed<N extends RouteName> = Spec<N>["responses"] & (Spec<N> extends { errors: infer E } ? E : unknown);
type ListedStatus<N extends RouteName> = keyof Listed<N> & number;

/** The path parameters a route's template names (`{province}` …), as strings. */
export type PathParams<N extends RouteName> = Spec<N> extends { params: z.ZodType } ? Record<PathKeys<Spec<N>["route"]>, string> : Record<never, never>;
type PathKeys<R extends string> = R extends `${string}{${infer K}}${infer Rest}` ? K | PathKeys<Rest> : never;

/** An answer the contract lists for the route, its body checked against that status's schema. */
export type Answer<N extends RouteName> = {
  [S in ListedStatus<N>]: { ok: true; status: S; body: Listed<N>[S] extends z.ZodType ? z.infer<Listed<N>[S]> : never }
}[ListedStatus<N>];

/**
 * Anything else: a status the route does not list (`malformed` false), or a listed status whose
 * body the schema refused (`malformed` true, `problem` says why). `error` is the error envelope
 * when the server sent one.
 */
/** The body a route answers with `status`. */
export type Body<N extends RouteName, S extends ListedStatus<N>> = Listed<N>[S] extends z.ZodType ? z.infer<Listed<N>[S]> : never;

export interface Refusal { ok: false; status: number; json: unknown; error: ErrorBody | null; malformed: boolean; problem?: string }

/** The HTTP exchange did not complete (no answer, or one too large to read). */
export class TransportError extends Error {
  constructor(readonly reason: "network" | "too_large", message: string) { super(message); }
}

export type TokenSource = () => string | null | Promise<string | null>;
/** Milliseconds to wait before attempt `attempt + 1` after an answer with `status`, or null to stop. */
export type RetryPolicy = (status: number, attempt: number, headers: Headers) => number | null;

export interface ClientOptions {
  /** Absolute or same-origin prefix ending in "/api/". */
  base: string;
  fetch: typeof fetch;
  token: TokenSource;
  timeoutMs?: number;
  /** Answers longer than this (characters) are a TransportError. */
  maxChars?: number;
  redirect?: RequestRedirect;
}

export interface CallOptions<N extends RouteName> {
  params?: PathParams<N>;
  query?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
  retry?: RetryPolicy;
}

/** `rollups/{province}/{period}` with each parameter encoded, plus the query string. */
export function routePath<N extends RouteName>(name: N, params?: PathParams<N>, query?: Record<string, string | number>): string {
  const values = (params ?? {}) as Record<string, string>;
  const path = ROUTES[name].route.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined) throw new Error(`Route ${name} needs ${k}`);
    return encodeURIComponent(v);
  });
  const q = query ? new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString() : "";
  return q ? `${path}?${q}` : path;
}

/**
 * Checks a raw answer against what the route lists; with `only`, every other status is a refusal.
 * The casts are the one place where the route table's schemas meet the answer's static type.
 */
export function judge<N extends RouteName>(name: N, status: number, json: unknown): Answer<N> | Refusal;
export function judge<N extends RouteName, S extends ListedStatus<N>>(name: N, status: number, json: unknown, only: S): { ok: true; status: S; body: Body<N, S> } | Refusal;
export function judge(name: RouteName, status: number, json: unknown, only?: number): { ok: true; status: number; body: unknown } | Refusal {
  const spec: { responses: Readonly<Record<number, z.ZodType>>; errors?: Readonly<Record<number, z.ZodType>> } = ROUTES[name];
  const schema = only !== undefined && status !== only ? undefined : spec.responses[status] ?? spec.errors?.[status];
  const envelope = ErrorBody.safeParse(json);
  const error = envelope.success ? envelope.data : null;
  if (!schema) return { ok: false, status, json, error, malformed: false };
  const r = schema.safeParse(json);
  if (!r.success) return { ok: false, status, json, error, malformed: true, problem: r.error.message };
  return { ok: true, status, body: r.data };
}

export interface RawAnswer { status: number; json: unknown; headers: Headers }

export class ContractClient {
  constructor(private readonly o: ClientOptions) {}

  /** One exchange, retried while `retry` says so; the body is JSON or null. */
  async raw<N extends RouteName>(name: N, c: CallOptions<N> = {}): Promise<RawAnswer> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once(name, c);
      const wait = c.retry?.(answer.status, attempt, answer.headers) ?? null;
      if (wait === null) return answer;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async call<N extends RouteName>(name: N, c: CallOptions<N> = {}): Promise<Answer<N> | Refusal> {
    const { status, json } = await this.raw(name, c);
    return judge(name, status, json);
  }

  /** The route's 200 answer; every other status (listed or not) is a refusal. */
  async get200<N extends RouteName>(name: N, c: CallOptions<N> = {}): Promise<{ ok: true; status: 200; body: Body<N, 200 & ListedStatus<N>> } | Refusal> {
    const { status, json } = await this.raw(name, c);
    return judge(name, status, json, 200 as 200 & ListedStatus<N>);
  }

  private async once<N extends RouteName>(name: N, c: CallOptions<N>): Promise<RawAnswer> {
    const token = await this.o.token();
    const body = c.body;
    let res: Response;
    try {
      res = await this.o.fetch(this.o.base + routePath(name, c.params, c.query), {
        method: ROUTES[name].method,
        headers: { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...c.headers },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        ...(this.o.timeoutMs ? { signal: AbortSignal.timeout(this.o.timeoutMs) } : {}),
        ...(this.o.redirect ? { redirect: this.o.redirect } : {}),
      });
    } catch (e) {
      throw new TransportError("network", e instanceof Error ? e.message : String(e));
    }
    const text = await res.text().catch(() => "");
    if (this.o.maxChars !== undefined && text.length > this.o.maxChars) throw new TransportError("too_large", `answer over ${this.o.maxChars} characters`);
    let json: unknown = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, json, headers: res.headers };
  }
}
