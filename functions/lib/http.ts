import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { RestError } from "@azure/data-tables";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { LIMITS } from "../../shared/contract/index.ts";
import { ApiError, StorageUnavailable, fail } from "./errors.ts";
import { settings } from "./settings.ts";

const BASE_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return jsonText(status, JSON.stringify(body), headers);
}

/** For JSON serialised already (a submission's answer is serialised once, sent and stored). */
export function jsonText(status: number, text: string, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, body: text, headers: { ...BASE_HEADERS, ...headers } };
}

/** Network-level failures of the storage client (no HTTP status, or a server-side timeout). */
export function isStorageDown(e: unknown): boolean {
  if (e instanceof StorageUnavailable) return true;
  if (e instanceof RestError || (e instanceof Error && e.name === "RestError")) {
    const r = e as RestError;
    return r.statusCode === undefined || r.statusCode === 500 || r.statusCode === 503 || r.statusCode === 408;
  }
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    return ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "UND_ERR_SOCKET"].includes(code) || e.name === "AbortError";
  }
  return false;
}

function storageDown(id: string): HttpResponseInit {
  const s = settings().retryAfterSeconds;
  return json(
    503,
    {
      error: "storage_unavailable",
      message: { vi: "Kho dữ liệu tạm thời không truy cập được; vui lòng thử lại sau ít phút.", en: "Storage is temporarily unreachable; please retry shortly." },
      correlationId: id,
    },
    { "Retry-After": String(s), "X-Correlation-Id": id },
  );
}

/**
 * Wraps a handler so that every failure becomes the error envelope: known refusals with their
 * status, storage outages as 503 + Retry-After, and anything else as a 500 without internals.
 * Every error body and its `X-Correlation-Id` header carry one id, which the log line has too, so
 * a caller quoting it finds the library's codes and messages that the body never shows.
 */
export function handle(fn: (req: HttpRequest, ctx: InvocationContext) => Promise<HttpResponseInit>): HttpHandler {
  return async (req, ctx) => {
    try {
      return await fn(req, ctx);
    } catch (e) {
      const id = correlationId(ctx);
      if (e instanceof ApiError) {
        if (e.logDetail || e.status >= 500) ctx.warn(`[${id}] ${ctx.functionName} ${e.status} ${e.code}${e.logDetail ? `: ${e.logDetail.slice(0, 300)}` : ""}`);
        return json(e.status, { ...e.body(), correlationId: id }, { ...e.headers, "X-Correlation-Id": id });
      }
      if (isStorageDown(e)) {
        ctx.warn(`[${id}] storage unavailable: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`);
        return storageDown(id);
      }
      ctx.error(`[${id}] unexpected failure in ${ctx.functionName}`, e);
      return json(500, { error: "internal", message: { vi: `Lỗi máy chủ không lường trước; đã ghi nhật ký (mã tra cứu ${id}).`, en: `Unexpected server error; it has been logged (reference ${id}).` }, correlationId: id }, { "X-Correlation-Id": id });
    }
  };
}

/** The invocation's id when the host gives one (it is in every log line of the call), else a fresh one. */
function correlationId(ctx: InvocationContext): string {
  const v = (ctx as { invocationId?: unknown }).invocationId;
  return typeof v === "string" && /^[A-Za-z0-9-]{8,64}$/.test(v) ? v : randomUUID();
}

/** Deepest a request body may nest: the contract's deepest shape is far shallower. */
const MAX_DEPTH = 64;

/** Whether JSON text nests deeper than `max` (brackets outside strings), checked before parsing. */
function nestsDeeper(text: string, max: number): boolean {
  let depth = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > max) return true; }
    else if (c === 125 || c === 93) depth--;
  }
  return false;
}

function details(error: z.ZodError): { path: string; problem: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join(".") || "(body)", problem: i.message }));
}

export function parseParams<T extends z.ZodType>(schema: T, req: HttpRequest): z.infer<T> {
  const r = schema.safeParse({ ...req.params });
  if (!r.success) throw fail.badRequest("Invalid path: codes are capital letters, digits and dashes; periods look like 2024, 2024-06, 2024-Q2 or 2024-H1.", "Đường dẫn không hợp lệ: mã đơn vị gồm chữ in hoa, chữ số và dấu gạch ngang; kỳ báo cáo có dạng 2024, 2024-06, 2024-Q2 hoặc 2024-H1.", details(r.error));
  return r.data;
}

export function parseQuery<T extends z.ZodType>(schema: T, req: HttpRequest): z.infer<T> {
  const r = schema.safeParse(Object.fromEntries(req.query.entries()));
  if (!r.success) throw fail.badRequest("Invalid query string.", "Tham số truy vấn không hợp lệ.", details(r.error));
  return r.data;
}

/** Reads at most `limit` bytes: a body over the limit is refused without being buffered. */
async function readLimited(req: HttpRequest, limit: number): Promise<Uint8Array> {
  const tooLarge = new ApiError(413, "payload_too_large", {
    vi: `Dữ liệu gửi lên vượt quá ${Math.round(limit / 1024)} KiB.`,
    en: `The request body exceeds ${Math.round(limit / 1024)} KiB.`,
  });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge;
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) { await reader.cancel().catch(() => undefined); throw tooLarge; }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.byteLength; }
  return out;
}

/** The one place request bodies are turned into typed values: size, media type, UTF-8, JSON, schema. */
export async function readBody<T extends z.ZodType>(req: HttpRequest, schema: T, limit: number = LIMITS.maxBodyBytes, fast?: (raw: unknown) => z.infer<T> | null): Promise<z.infer<T>> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/.test(type)) {
    throw new ApiError(415, "unsupported_media_type", { vi: "Nội dung phải là JSON (Content-Type: application/json).", en: "The body must be JSON (Content-Type: application/json)." });
  }
  const bytes = await readLimited(req, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "bad_json", { vi: "Nội dung không phải UTF-8 hợp lệ.", en: "The body is not valid UTF-8." });
  }
  if (nestsDeeper(text, MAX_DEPTH)) {
    throw new ApiError(400, "bad_json", { vi: `Nội dung lồng nhau quá ${MAX_DEPTH} cấp; không có yêu cầu hợp lệ nào sâu như vậy.`, en: `The body nests deeper than ${MAX_DEPTH} levels; no valid request is that deep.` });
  }
  let raw: unknown;
  let pollution = false;
  try {
    // zod's record() drops a "__proto__" key silently instead of failing it; refuse it here. A key
    // that decodes to "__proto__" contains that text or an escape, so only such bodies pay for the
    // reviver (called for every value: about a third of a 30-commune submission's parse time).
    raw = text.includes("__proto__") || text.includes("\\")
      ? JSON.parse(text, (k, v: unknown) => { if (k === "__proto__") pollution = true; return v; })
      : JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, "bad_json", { vi: "Nội dung không phải JSON hợp lệ (có thể bị cắt cụt hoặc sai cú pháp).", en: "The body is not valid JSON (it may be cut short or mistyped)." }, {}, {}, e instanceof Error ? e.message.slice(0, 200) : undefined);
  }
  if (pollution) throw fail.badRequest("The body contains a \"__proto__\" key.", "Nội dung chứa khóa \"__proto__\" không được phép.", [{ path: "(body)", problem: "__proto__ keys are not allowed" }]);
  // A hand check proven equal to the schema where zod is costly; null means "ask zod".
  const quick = fast?.(raw);
  if (quick) return quick;
  const r = schema.safeParse(raw);
  if (!r.success) throw fail.badRequest("The request does not match the API schema; see details.", "Yêu cầu không đúng cấu trúc của API; xem chi tiết.", details(r.error));
  return r.data;
}
