import { z } from "zod";
import { SavedMapping } from "../../shared/index.ts";
import { Period, SubmissionRequest, UnitCode } from "../../shared/contract/index.ts";
import type { OfficeHost } from "./excel/surface.ts";

/**
 * What the add-in keeps inside the workbook (Office document settings travel with the file):
 * the clerk's column mapping per sheet, the reporting unit and period, the version each submission was
 * based on, and submissions waiting for the network. Everything read back is validated, since a
 * workbook can come from anywhere.
 */
export interface Scope { province: string; unit: string; period: string }

/**
 * The property the reporting unit is stored under in a workbook's scope. Workbooks saved by
 * earlier panes carry it as "district", and panes still in use read it there: it stays as stored,
 * and is the unit only in code.
 */
export const STORED_UNIT_KEY = "district";
const StoredScope = z.object({ province: z.string(), [STORED_UNIT_KEY]: z.string(), period: z.string() }).partial();
type StoredScope = z.infer<typeof StoredScope>;

function fromStored(s: StoredScope): Partial<Scope> {
  const { [STORED_UNIT_KEY]: unit, ...rest } = s;
  return { ...rest, ...(unit !== undefined ? { unit } : {}) };
}

function toStored(s: Partial<Scope>): StoredScope {
  const { unit, ...rest } = s;
  return { ...rest, ...(unit !== undefined ? { [STORED_UNIT_KEY]: unit } : {}) };
}

export const QueuedSubmission = z.object({ idempotencyKey: z.string(), queuedAt: z.string(), request: SubmissionRequest });
export type QueuedSubmission = z.infer<typeof QueuedSubmission>;

const KEYS = { mapping: "htct.mapping", scope: "htct.scope", base: "htct.baseVersions", queue: "htct.queue", sent: "htct.lastSent", draftSheet: "htct.draftSheet", detailSheets: "htct.detailSheets", sheetScopes: "htct.sheetScopes", reportSheets: "htct.reportSheets" } as const;

const SheetScope = z.object({ province: UnitCode, period: Period });

const LastSent = z.object({ version: z.number().int(), fingerprint: z.string() });
export type LastSent = z.infer<typeof LastSent>;

/** The queue's share of the document's 2 MB of settings. */
export const QUEUE_BYTES = 1_000_000;

export class QueueFullError extends Error {
  constructor(readonly bytes: number) { super(`the queue would take ${bytes} bytes of the document's settings (at most ${QUEUE_BYTES})`); }
}

export class DocSettings {
  constructor(private readonly office: OfficeHost) {}

  private get<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    const parsed = schema.safeParse(this.office.settings.get(key));
    return parsed.success ? parsed.data : fallback;
  }

  private save(): Promise<void> {
    return new Promise((ok, fail) => this.office.settings.saveAsync((r) => (r.status === "failed" ? fail(new Error(r.error?.message ?? "settings not saved")) : ok())));
  }

  mapping(sheet: string): SavedMapping | undefined {
    return this.get(KEYS.mapping, z.record(z.string(), SavedMapping), {})[sheet];
  }
  async setMapping(sheet: string, mapping: SavedMapping): Promise<void> {
    const all = this.get(KEYS.mapping, z.record(z.string(), SavedMapping), {});
    all[sheet] = mapping;
    this.office.settings.set(KEYS.mapping, all);
    await this.save();
  }

  scope(): Partial<Scope> { return fromStored(this.get(KEYS.scope, StoredScope, {})); }
  async setScope(scope: Partial<Scope>): Promise<void> {
    this.office.settings.set(KEYS.scope, toStored({ ...this.scope(), ...scope }));
    await this.save();
  }

  baseVersion(unit: string, period: string): number | null {
    return this.get(KEYS.base, z.record(z.string(), z.number().int()), {})[`${unit}|${period}`] ?? null;
  }
  async setBaseVersion(unit: string, period: string, version: number): Promise<void> {
    const all = this.get(KEYS.base, z.record(z.string(), z.number().int()), {});
    all[`${unit}|${period}`] = version;
    this.office.settings.set(KEYS.base, all);
    await this.save();
  }

  /** The version and content fingerprint the server last accepted for a unit and period: resending the same is a no-op. */
  lastSent(unit: string, period: string): LastSent | null {
    return this.get(KEYS.sent, z.record(z.string(), LastSent), {})[`${unit}|${period}`] ?? null;
  }
  async setLastSent(unit: string, period: string, sent: LastSent): Promise<void> {
    const all = this.get(KEYS.sent, z.record(z.string(), LastSent), {});
    all[`${unit}|${period}`] = sent;
    this.office.settings.set(KEYS.sent, all);
    await this.save();
  }

  queue(): QueuedSubmission[] { return this.get(KEYS.queue, z.array(QueuedSubmission), []); }
  /**
   * Office keeps at most 2 MB of a document's settings, mappings and versions included: the queue
   * is refused beyond its share, before Office would refuse the whole save.
   */
  async setQueue(queue: QueuedSubmission[]): Promise<void> {
    const size = new TextEncoder().encode(JSON.stringify(queue)).length;
    if (size > QUEUE_BYTES) throw new QueueFullError(size);
    if (queue.length) this.office.settings.set(KEYS.queue, queue);
    else this.office.settings.remove(KEYS.queue);
    await this.save();
  }

  /** The id of the sheet the pane wrote the draft report into: the sheet is found by it, never by name. */
  draftSheet(): string | null { return this.get(KEYS.draftSheet, z.string().max(200), null as string | null); }
  async setDraftSheet(id: string): Promise<void> {
    this.office.settings.set(KEYS.draftSheet, id);
    await this.save();
  }

  /**
   * The province and period a sheet the pane wrote shows (the rollup sheet by its name, detail
   * sheets by id), so that a unit's row selected there can be drilled into after the pane reopens.
   */
  sheetScope(sheet: string): { province: string; period: string } | null {
    return this.get(KEYS.sheetScopes, z.record(z.string().max(200), SheetScope), {})[sheet] ?? null;
  }
  async setSheetScope(sheet: string, scope: { province: string; period: string }): Promise<void> {
    const all = this.get(KEYS.sheetScopes, z.record(z.string().max(200), SheetScope), {});
    delete all[sheet];
    all[sheet] = scope;
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - 200))) delete all[k];
    this.office.settings.set(KEYS.sheetScopes, all);
    await this.save();
  }

  /** The ids of the sheets the pane wrote units' details into, by unit code: found again by id, never by name. */
  detailSheet(unit: string): string | null {
    return this.get(KEYS.detailSheets, z.record(z.string().max(100), z.string().max(200)), {})[unit] ?? null;
  }
  async setDetailSheet(unit: string, id: string): Promise<void> {
    const all = this.get(KEYS.detailSheets, z.record(z.string().max(100), z.string().max(200)), {});
    all[unit] = id;
    // A workbook that has been drilled into very often keeps its latest sheets' ids only.
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - 200))) delete all[k];
    this.office.settings.set(KEYS.detailSheets, all);
    await this.save();
  }

  /**
   * Ids of every report sheet the pane wrote into this workbook (rollup, status, scorecard, draft,
   * details): never offered for validation nor read as data, even once renamed.
   */
  reportSheets(): Set<string> {
    const own = this.get(KEYS.reportSheets, z.array(z.string().max(200)).max(500), [] as string[]);
    const draft = this.draftSheet();
    const details = Object.values(this.get(KEYS.detailSheets, z.record(z.string().max(100), z.string().max(200)), {}));
    return new Set([...own, ...(draft ? [draft] : []), ...details]);
  }
  async addReportSheet(id: string): Promise<void> {
    const own = this.get(KEYS.reportSheets, z.array(z.string().max(200)).max(500), [] as string[]);
    if (own.includes(id)) return;
    this.office.settings.set(KEYS.reportSheets, [...own, id].slice(-200));
    await this.save();
  }
}
