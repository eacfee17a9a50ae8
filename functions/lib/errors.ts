import type { ErrorBody, ErrorCode, Message } from "../../shared/contract/index.ts";

/** An answer other than 200, thrown from anywhere below a handler and rendered by `handle`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly text: Message,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    /** For the log only (a library's code or message): never in the body. */
    readonly logDetail?: string,
  ) {
    super(text.en);
  }

  body(): ErrorBody & Record<string, unknown> {
    return { error: this.code, message: this.text, ...this.extra };
  }
}

export type UnauthorizedReason = "no_token" | "malformed" | "expired" | "rejected" | "no_subject";

/** What a caller without a usable token can do about it, in words a clerk can act on. */
const UNAUTHORIZED: Record<UnauthorizedReason, Message> = {
  no_token: { vi: "Chưa đăng nhập: yêu cầu không kèm mã truy cập. Hãy đăng nhập rồi thử lại.", en: "Not signed in: the request carries no access token. Sign in and try again." },
  malformed: { vi: "Mã truy cập gửi kèm không đúng dạng \"Bearer <mã>\". Hãy đăng nhập lại.", en: "The Authorization header is not \"Bearer <token>\". Sign in again." },
  expired: { vi: "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.", en: "The sign-in has expired. Sign in again." },
  rejected: { vi: "Mã truy cập không được chấp nhận (không do hệ thống cấp, bị sửa, hoặc dành cho ứng dụng khác). Hãy đăng nhập lại.", en: "The access token is not accepted (not issued for this system, altered, or meant for another application). Sign in again." },
  no_subject: { vi: "Mã truy cập không cho biết người dùng. Hãy đăng nhập lại.", en: "The access token does not say who the user is. Sign in again." },
};

/** Storage did not answer: the caller may retry the same request later. */
export class StorageUnavailable extends Error {}

export const fail = {
  badRequest: (en: string, vi: string, details?: { path: string; problem: string }[]) =>
    new ApiError(400, "bad_request", { vi, en }, details ? { details } : {}),
  /** `why` is one of the plain reasons below; `detail` (the token library's code) goes to the log only. */
  unauthorized: (why: UnauthorizedReason, detail?: string) =>
    new ApiError(401, "unauthorized", UNAUTHORIZED[why], {}, { "WWW-Authenticate": 'Bearer error="invalid_token"' }, detail),
  forbidden: (en: string, vi: string) => new ApiError(403, "forbidden", { vi, en }),
  notFound: (en: string, vi: string) => new ApiError(404, "not_found", { vi, en }),
  approved: (period: string) =>
    new ApiError(423, "locked", { vi: `Số liệu kỳ ${period} của đơn vị đã được tỉnh duyệt; muốn sửa cần tỉnh mở lại.`, en: `The unit's data for ${period} is approved; the province must reopen it before any change.` }),
  locked: (period: string) =>
    new ApiError(423, "locked", { vi: `Kỳ báo cáo ${period} đã khóa sổ; không thể nộp thêm.`, en: `Period ${period} is locked; no more submissions are accepted.` }),
};
