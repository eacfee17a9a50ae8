/** The part of hot-formula-parser (MIT) the core formula engine uses; the package ships no types. */
declare module "hot-formula-parser" {
  export interface CellCoord { label: string; row: { index: number; isAbsolute: boolean }; column: { index: number; isAbsolute: boolean } }
  export class Parser {
    parse(expression: string): { error: string | null; result: unknown };
    on(event: "callCellValue", fn: (coord: CellCoord, done: (value: unknown) => void) => void): this;
    on(event: "callRangeValue", fn: (start: CellCoord, end: CellCoord, done: (values: unknown[][]) => void) => void): this;
    setFunction(name: string, fn: (params: unknown[]) => unknown): this;
  }
}
