import type { ErrorBody, ErrorCode, Message } from "../../shared/contract/index.ts";

/** An answer other than 200, thrown from anywhere below a handler and rendered by `handle`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly text: Message,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(text.en);
  }

  body(): ErrorBody & Record<string, unknown> {
    return { error: this.code, message: this.text, ...this.extra };
  }
}

/** Storage did not answer: the caller may retry the same request later. */
export class StorageUnavailable extends Error {}

export const fail = {
  badRequest: (en: string, vi: string, details?: { path: string; problem: string }[]) =>
    new ApiError(400, "bad_request", { vi, en }, details ? { details } : {}),
  unauthorized: (why: string) =>
    new ApiError(401, "unauthorized", { vi: `Chưa đăng nhập hoặc mã truy cập không hợp lệ (${why}).`, en: `Missing or invalid access token (${why}).` }, {}, { "WWW-Authenticate": 'Bearer error="invalid_token"' }),
  forbidden: (en: string, vi: string) => new ApiError(403, "forbidden", { vi, en }),
  notFound: (en: string, vi: string) => new ApiError(404, "not_found", { vi, en }),
  approved: (period: string) =>
    new ApiError(423, "locked", { vi: `Số liệu kỳ ${period} của đơn vị đã được tỉnh duyệt; muốn sửa cần tỉnh mở lại.`, en: `The unit's data for ${period} is approved; the province must reopen it before any change.` }),
  locked: (period: string) =>
    new ApiError(423, "locked", { vi: `Kỳ báo cáo ${period} đã khóa sổ; không thể nộp thêm.`, en: `Period ${period} is locked; no more submissions are accepted.` }),
};
