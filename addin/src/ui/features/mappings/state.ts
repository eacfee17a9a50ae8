import type { SavedMapping } from "../../../../../shared/index.ts";
import type { SharedMapping, SharedMappingsResponse } from "../../../../../shared/contract/index.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { AUTO } from "../../picker/source.ts";

/**
 * One column being corrected: which form, which header, the indicator picked so far ("" to ignore
 * the column, AUTO to read it by its header again); `confirming` once Lưu asked to save it for the
 * whole province.
 */
export interface MappingEdit { fingerprint: string; header: string; code: string; confirming?: boolean }

/**
 * The province's screen for shared mappings, its state and actions: the mappings in use in a
 * province (GET /api/mappings/{province}), and one column's indicator corrected at a time
 * (POST …/{fingerprint} with the version seen, so an edit made meanwhile by a colleague is
 * refused rather than overwritten). The province is the screen's own choice, so every call names
 * the one shown; a save asks first, since it changes how every unit's copy of the form is read.
 */
export class ProvinceMappings {
  list: SharedMappingsResponse | null = null;
  editing: MappingEdit | null = null;
  /** The province picked on the screen (null: none yet, the view proposes one). */
  province: string | null = null;

  constructor(private readonly app: Pick<SessionPort, "t" | "task" | "render" | "api" | "notice">, private readonly switched: () => void = () => undefined) {}

  /** Another province picked: what was shown for the previous one goes. */
  choose(province: string): void {
    const p = province.trim().toUpperCase();
    if (p === this.province) return;
    this.province = p || null;
    if (this.list && this.list.province !== p) { this.list = null; this.editing = null; this.switched(); }
    this.app.render();
  }

  async load(province: string | null = this.province): Promise<boolean> {
    const app = this.app;
    const p = (province ?? "").trim().toUpperCase();
    if (!p) { app.notice = { kind: "error", text: app.t("mappings.chooseProvince") }; app.render(); return false; }
    this.province = p;
    let ok = false;
    await app.task(app.t("mappings.loading"), async () => {
      const n = (await this.refresh(p)).mappings.length;
      app.notice = { kind: "info", text: n ? app.t("mappings.loaded", { count: n }) : app.t("mappings.none") };
      ok = true;
    });
    return ok;
  }

  /** The mappings in use fetched again, inside an operation already under way (an offer just accepted). */
  async refresh(province: string): Promise<SharedMappingsResponse> {
    this.list = await this.app.api().mappings(province);
    this.editing = null;
    return this.list;
  }

  edit(fingerprint: string, header: string, current: SavedMapping[string] | undefined): void {
    this.editing = { fingerprint, header, code: current === undefined ? AUTO : typeof current === "string" ? current : current === null ? "" : current.part };
    this.app.render();
  }

  pick(code: string): void {
    if (this.editing) this.editing = { ...this.editing, code, confirming: false };
    this.app.render();
  }

  cancel(): void {
    this.editing = null;
    this.app.render();
  }

  /** Lưu: nothing is sent yet; the clerk is told the change is the whole province's and asked again. */
  askSave(): void {
    if (this.editing) this.editing = { ...this.editing, confirming: true };
    this.app.render();
  }

  /** Saves the column being edited, once confirmed; on success the list shows the server's answer for that form. */
  async save(): Promise<void> {
    const app = this.app, e = this.editing, list = this.list;
    const m = list?.mappings.find((x) => x.fingerprint === e?.fingerprint);
    if (!e || !list || !m || !e.confirming) return;
    const mapping: SavedMapping = { ...m.mapping };
    // Back to "read by its header": the mapping holds no entry for the column.
    if (e.code === AUTO) delete mapping[e.header];
    else mapping[e.header] = e.code || null;
    await app.task(app.t("mappings.saving"), async () => {
      const saved = await app.api().setMapping(list.province, m.fingerprint, {
        mapping,
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
