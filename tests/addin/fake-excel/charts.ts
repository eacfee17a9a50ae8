/** Charts and their series, as the rollup sheet draws them. */
import type { XlChart, XlChartCollection, XlChartSeries, XlRange } from "../../../addin/src/excel/surface.ts";
import type { FakeContext } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import type { FakeSheet } from "./model.ts";
import { ProxyBase } from "./proxy-base.ts";
import type { RangeProxy } from "./range.ts";
import type { PathNode } from "./request.ts";

type ChartModel = FakeSheet["charts"][number];

export class ChartCollectionProxy extends ProxyBase<FakeSheet> implements XlChartCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly sheet: () => FakeSheet) { super(ctx, "ChartCollection", node); }
  protected target() { return this.sheet(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(s: FakeSheet, name: string): unknown {
    if (!name.startsWith("items")) throw new FakeExcelError("InvalidArgument", `charts.${name}`);
    this.data.set("items", s.charts.map((c) => new ChartProxy(this.ctx, this.ctx.child(this.node, 5, "", [c.name]), () => (s.charts.includes(c) ? c : null), s)));
    return s.charts.map((c) => ({ name: c.name }));
  }
  get items(): XlChart[] { return this.get_("items"); }
  load(names?: string | string[]): XlChartCollection { this.doLoad(names); return this; }
  add(type: string, sourceData: XlRange, seriesBy?: string): XlChart {
    let created: ChartModel | null = null;
    const source = (sourceData as RangeProxy).path;
    const node = this.sub(3, "add", [type, source, seriesBy]);
    this.call("add", [type, source, seriesBy], (s) => {
      created = { name: `Chart ${s.charts.length + 1}`, type, source, title: "", position: "" };
      s.charts.push(created);
    }, true, "none");
    return new ChartProxy(this.ctx, node, () => created, this.sheet);
  }
}

export class ChartProxy extends ProxyBase<ChartModel> implements XlChart {
  private readonly sheetFn: () => FakeSheet;
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => ChartModel | null, sheet: FakeSheet | (() => FakeSheet)) {
    super(ctx, "Chart", node);
    this.sheetFn = typeof sheet === "function" ? sheet : () => sheet;
  }
  protected target() { return this.find(); }
  protected read(c: ChartModel, name: string): unknown {
    if (name === "name") return c.name;
    throw new FakeExcelError("InvalidArgument", `chart.${name}`);
  }
  protected override write(c: ChartModel, name: string, value: unknown): void {
    if (name === "name") c.name = String(value);
    else super.write(c, name, value);
  }
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  get title(): { text: string } {
    const self = this;
    return {
      get text(): string { throw new FakeExcelError("PropertyNotLoaded", `${self.path}.title.text`); },
      set text(v: string) {
        self.ctx.host.requireMember("Chart", "title");
        self.ctx.host.requireMember("ChartTitle", "text", true);
        self.ctx.queue(self.ctx.child(self.node, 4, "Title"), 4, "Text", { ArgumentInfo: { Arguments: [v] } }, () => { self.resolve().title = v; });
      },
    };
  }
  load(names?: string | string[]): XlChart { this.doLoad(names); return this; }
  delete(): void { this.call("delete", [], (c) => { const s = this.sheetFn(); s.charts.splice(s.charts.indexOf(c), 1); }); }
  get series(): { getItemAt(index: number): XlChartSeries } {
    const collection = this.sub(4, "series");
    const chart = this;
    return {
      getItemAt(index: number): XlChartSeries {
        chart.ctx.host.requireMember("ChartSeriesCollection", "getItemAt");
        return new ChartSeriesProxy(chart.ctx, chart.ctx.child({ info: collection.info, parent: collection.parent }, 3, "GetItemAt", [index]), () => {
          const c = chart.resolve();
          // A chart made from one column of values has one series.
          if (index !== 0 || c.source.includes(",")) throw new FakeExcelError("ItemNotFound", `series ${index}`);
          return c;
        });
      },
    };
  }
  setPosition(startCell: string, endCell?: string): void {
    this.call("setPosition", [startCell, endCell], (c) => { c.position = `${startCell}:${endCell ?? ""}`; });
  }
}


export class ChartSeriesProxy extends ProxyBase<ChartModel> implements XlChartSeries {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => ChartModel) { super(ctx, "ChartSeries", node); }
  protected target() { return this.find(); }
  protected read(c: ChartModel, name: string): unknown {
    if (name === "name") return c.seriesName ?? "";
    throw new FakeExcelError("InvalidArgument", `series.${name}`);
  }
  protected override write(c: ChartModel, name: string, value: unknown): void {
    if (name === "name") c.seriesName = String(value);
    else super.write(c, name, value);
  }
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  setXAxisValues(sourceData: XlRange): void {
    const src = (sourceData as RangeProxy).path;
    this.call("setXAxisValues", [src], (c) => { c.xValues = src; });
  }
}
