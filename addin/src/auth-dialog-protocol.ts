import { z } from "zod";

/**
 * What the sign-in dialog (auth-dialog.html, opened with Office's dialog API where nested app
 * authentication is missing) tells the pane: a token, or why there is none. Parsed with zod: the
 * message crosses a window boundary.
 */
export const DialogMessage = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("token"),
    accessToken: z.string().min(20).max(20_000).regex(/^[\w-]+\.[\w-]+\.[\w-]*$/),
    /** Milliseconds since the epoch. */
    expiresOn: z.number().int().positive(),
    username: z.string().max(320),
    name: z.string().max(200),
  }),
  z.object({ kind: z.literal("error"), message: z.string().max(500) }),
]);
export type DialogMessage = z.infer<typeof DialogMessage>;

export function parseDialogMessage(raw: unknown): DialogMessage | null {
  if (typeof raw !== "string" || raw.length > 25_000) return null;
  try {
    const r = DialogMessage.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The settings the dialog needs, in its URL (it is a fresh page with no access to the pane's storage). */
export const DialogParams = z.object({
  clientId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
  scope: z.string().min(1).max(300),
  tenant: z.string().max(100).regex(/^([0-9a-f-]{36}|[a-z0-9-]+(\.[a-z0-9-]+)+)?$/i),
});
export type DialogParams = z.infer<typeof DialogParams>;

export function dialogUrl(origin: string, p: DialogParams): string {
  const q = new URLSearchParams({ clientId: p.clientId, scope: p.scope, tenant: p.tenant });
  return `${origin.replace(/\/+$/, "")}/auth-dialog.html?${q.toString()}`;
}
