// The pane's progress line and notices: one operation at a time, and whatever goes wrong in it
// reaches the clerk as a plain-language notice rather than a stack trace. The drawing itself
// (render) belongs to whoever composes the pane.
import type { Lang } from "../../../../shared/index.ts";
import { ApiError } from "../../api/client.ts";
import { AdapterError } from "../../excel/errors.ts";
import { t, type StringKey } from "../../i18n.ts";
import type { Notice, PanePort } from "./ports.ts";

export abstract class Pane implements PanePort {
  busy: string | null = null;
  notice: Notice | null = null;
  abstract readonly lang: Lang;
  /** The server address named when it cannot be reached. */
  protected abstract serverShown(): string;
  abstract render(): void;

  t(key: StringKey, params?: Record<string, string | number>): string { return t(this.lang, key, params); }

  /** Runs an operation with a progress line; any failure becomes a plain-language notice. */
  async task(label: string, fn: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = label;
    this.notice = null;
    this.render();
    try {
      await fn();
    } catch (e) {
      this.notice = { kind: "error", text: this.explain(e) };
    } finally {
      this.busy = null;
      this.render();
    }
  }

  explain(e: unknown): string {
    if (e instanceof ApiError) {
      switch (e.kind) {
        case "network": return this.t("error.network", { server: e.server || this.serverShown() });
        case "unauthorized": return this.t("error.unauthorized");
        case "forbidden": return this.t("error.forbidden");
        case "bad_answer": return this.t("error.badAnswer");
        case "server": return this.t("error.server", { status: e.status });
        default: return e.body ? e.body.message[this.lang] : this.t("error.server", { status: e.status });
      }
    }
    if (e instanceof AdapterError) {
      if (e.code === "protected") return this.t("error.protected", { sheet: e.sheet ?? "" });
      if (e.code === "structureProtected") return this.t("error.structureProtected");
      if (e.code === "tooManyMarks") return this.t("error.tooManyMarks", { count: e.count ?? 0 });
      return this.t("error.oldExcel");
    }
    const message = e instanceof Error ? e.message : String(e);
    return this.t("error.excel", { message });
  }
}
