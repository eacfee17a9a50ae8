import type { SavedMapping } from "../../../../../shared/index.ts";
import type { SharedMapping, SharedMappingsResponse } from "../../../../../shared/contract/index.ts";
import type { SessionPort } from "../../shell/ports.ts";

/** One column being corrected: which form, which header, the indicator picked so far ("" to ignore the column). */
export interface MappingEdit { fingerprint: string; header: string; code: string }

/**
 * The province's screen for shared mappings, its state and actions: the mappings in use in a
 * province (GET /api/mappings/{province}), and one column's indicator corrected at a time
 * (POST …/{fingerprint} with the version seen, so an edit made meanwhile by a colleague is
 * refused rather than overwritten). The server's refusals are shown as it words them.
 */
export class ProvinceMappings {
  list: SharedMappingsResponse | null = null;
  editing: MappingEdit | null = null;

  constructor(private readonly app: Pick<SessionPort, "t" | "task" | "render" | "api" | "notice">) {}

  async load(province: string): Promise<void> {
    const app = this.app;
    await app.task(app.t("mappings.loading"), async () => {
      const n = (await this.refresh(province)).mappings.length;
      app.notice = { kind: "info", text: n ? app.t("mappings.loaded", { count: n }) : app.t("mappings.none") };
    });
  }

  /** The mappings in use fetched again, inside an operation already under way (an offer just accepted). */
  async refresh(province: string): Promise<SharedMappingsResponse> {
    this.list = await this.app.api().mappings(province);
    this.editing = null;
    return this.list;
  }

  edit(fingerprint: string, header: string, current: SavedMapping[string] | undefined): void {
    this.editing = { fingerprint, header, code: typeof current === "string" ? current : "" };
    this.app.render();
  }

  pick(code: string): void {
    if (this.editing) this.editing = { ...this.editing, code };
    this.app.render();
  }

  cancel(): void {
    this.editing = null;
    this.app.render();
  }

  /** Saves the column being edited; on success the list shows the server's answer for that form. */
  async save(): Promise<void> {
    const app = this.app, e = this.editing, list = this.list;
    const m = list?.mappings.find((x) => x.fingerprint === e?.fingerprint);
    if (!e || !list || !m) return;
    await app.task(app.t("mappings.saving"), async () => {
      const saved = await app.api().setMapping(list.province, m.fingerprint, {
        mapping: { ...m.mapping, [e.header]: e.code || null },
        headers: m.headers,
        kind: m.kind === "transposed" || m.kind === "form" ? m.kind : "units",
        ...(m.sheet ? { sheet: m.sheet } : {}),
        baseAt: m.at,
      });
      this.list = { ...list, mappings: list.mappings.map((x): SharedMapping => (x.fingerprint === saved.fingerprint ? saved : x)) };
      this.editing = null;
      app.notice = { kind: "ok", text: app.t("mappings.saved", { header: e.header }) };
    });
  }
}
