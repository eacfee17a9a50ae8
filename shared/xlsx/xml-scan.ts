import { malformed, tooLarge } from "./errors.ts";

/**
 * A narrow XML tokenizer for the parts of an .xlsx: start and end tags, text, CDATA; comments
 * and processing instructions skipped; a DOCTYPE refused (no entity expansion, so no entity
 * bombs). Text arrives in string chunks and is emitted whole; nesting is checked, so a cut or
 * garbled part is answered with a clear error. Chosen over saxes after measuring both on the
 * benchmark's sheet (bench/README.md, "Streaming reader").
 */
export interface XmlSink {
  /** `name` without its namespace prefix. */
  open(name: string, tag: Tag, selfClosing?: boolean): void;
  close(name: string): void;
  text(text: string): void;
  /**
   * Optional: a text run without entities handed over as where it lies in `src` instead of as a
   * string (a sheet's three million `<v>` texts are numbers, parsed in place).
   */
  textAt?(src: string, from: number, to: number): void;
}

/** attr()'s arguments to attrs(), reused: the scan is synchronous and runs once a cell. */
const ONE_NAME: string[] = [""];
const ONE_VALUE: (string | undefined)[] = [undefined];
/** attrs()' spans, reused for up to eight names. */
const SPANS = new Int32Array(16);

/** The attributes of the tag being opened, by local name; valid only during `open`. */
export interface Tag {
  attr(name: string): string | undefined;
  /** Several attributes in one pass over the tag: `out[k]` is `names[k]`'s value or undefined. */
  attrs(names: readonly string[], out: (string | undefined)[]): void;
  /**
   * attrs() without making strings: `spans[2k]`, `spans[2k + 1]` are where `names[k]`'s raw
   * value starts and ends in `source` (−1 when absent); the same syntax and errors as attrs().
   * A value holding "&" is not decoded here: read it with attrs().
   */
  attrSpans(names: readonly string[], spans: Int32Array): void;
  /** The text the spans point into (the current chunk). */
  readonly source: string;
}

export interface XmlLimits {
  /** Longest run of text or single tag, in characters (Excel's own cell limit is 32,767). */
  maxToken: number;
  /** Deepest nesting. */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxToken: 4 * 1024 * 1024, maxDepth: 256 };

const LT = 60, GT = 62, SLASH = 47, QUOT = 34, APOS = 39, BANG = 33, QUEST = 63, COLON = 58, AMP = 38;

export class XmlScanner implements Tag {
  private carry = "";
  private readonly stack: string[] = [];
  private src = "";
  private from = 0;
  private to = 0;
  private seenRoot = false;

  constructor(private readonly part: string, private readonly sink: XmlSink, private readonly limits: XmlLimits = DEFAULT_XML_LIMITS) {}

  attr(name: string): string | undefined {
    // One attribute is attrs() of one name: a single scanner of attribute syntax and its errors.
    ONE_NAME[0] = name;
    this.attrs(ONE_NAME, ONE_VALUE);
    return ONE_VALUE[0];
  }

  get source(): string { return this.src; }

  attrs(names: readonly string[], out: (string | undefined)[]): void {
    const spans = names.length <= SPANS.length / 2 ? SPANS : new Int32Array(names.length * 2);
    this.attrSpans(names, spans);
    const a = this.src;
    for (let k = 0; k < names.length; k++) {
      const from = spans[2 * k]!;
      if (from < 0) { out[k] = undefined; continue; }
      const raw = a.slice(from, spans[2 * k + 1]!);
      out[k] = raw.indexOf("&") < 0 ? raw : decodeEntities(raw, this.part);
    }
  }

  attrSpans(names: readonly string[], spans: Int32Array): void {
    const a = this.src;
    const n = this.to;
    for (let k = 0; k < names.length; k++) { spans[2 * k] = -1; spans[2 * k + 1] = -1; }
    let left = names.length;
    let i = this.from;
    while (i < n && left > 0) {
      while (i < n && isSpace(a.charCodeAt(i))) i++;
      if (i >= n) return;
      const eq = a.indexOf("=", i);
      if (eq < 0 || eq >= n) throw malformed(this.part, "thuộc tính / attribute");
      let e = eq;
      while (e > i && isSpace(a.charCodeAt(e - 1))) e--;
      let q = eq + 1;
      while (q < n && isSpace(a.charCodeAt(q))) q++;
      const quote = a.charCodeAt(q);
      if (quote !== QUOT && quote !== APOS) throw malformed(this.part, "thuộc tính / attribute");
      const close = a.indexOf(quote === QUOT ? '"' : "'", q + 1);
      if (close < 0 || close >= n) throw malformed(this.part, "thuộc tính / attribute");
      // The name, or its local part after a prefix; the first of a repeated name wins.
      for (let k = 0; k < names.length; k++) {
        const name = names[k]!;
        if (spans[2 * k]! >= 0) continue;
        if (e - i >= name.length && a.startsWith(name, e - name.length) && (e - i === name.length || a.charCodeAt(e - name.length - 1) === COLON)) {
          spans[2 * k] = q + 1;
          spans[2 * k + 1] = close;
          left--;
          break;
        }
      }
      i = close + 1;
    }
  }

  write(chunk: string): void {
    const s = this.carry ? this.carry + chunk : chunk;
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) break;
      if (lt > pos) this.emitText(s, pos, lt);
      pos = lt;
      if (lt + 1 >= n) break;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === SLASH) {
        const gt = s.indexOf(">", lt + 2);
        if (gt < 0) break;
        const top = this.stack[this.stack.length - 1];
        // Most end tags are the open one's name as written: no slice needed to check them.
        if (top !== undefined && gt - lt - 2 === top.length && s.startsWith(top, lt + 2)) { this.stack.pop(); this.sink.close(top); }
        else this.closeTag(localName(s.slice(lt + 2, gt).trim()));
        pos = gt + 1;
      } else if (c1 === QUEST) {
        const e = s.indexOf("?>", lt + 2);
        if (e < 0) break;
        pos = e + 2;
      } else if (c1 === BANG) {
        if (s.startsWith("<!--", lt)) {
          const e = s.indexOf("-->", lt + 4);
          if (e < 0) break;
          pos = e + 3;
        } else if (s.startsWith("<![CDATA[", lt)) {
          const e = s.indexOf("]]>", lt + 9);
          if (e < 0) break;
          if (this.stack.length) this.sink.text(s.slice(lt + 9, e));
          pos = e + 3;
        } else if (n - lt >= 9 || s.indexOf(">", lt) >= 0) {
          throw malformed(this.part, s.startsWith("<!DOCTYPE", lt) ? "DOCTYPE" : "<!");
        } else break;
      } else {
        const gt = tagEnd(s, lt + 1);
        if (gt === -2) throw malformed(this.part, "< trong thẻ / < inside a tag");
        if (gt < 0) break;
        const self = s.charCodeAt(gt - 1) === SLASH;
        const stop = self ? gt - 1 : gt;
        let k = lt + 1;
        while (k < stop && !isSpace(s.charCodeAt(k))) k++;
        if (k === lt + 1) throw malformed(this.part, "<");
        // One-letter names (c, v, f, t) are most tags of a sheet: taken from a table, not sliced.
        const name = k === lt + 2 ? ONE_LETTER[s.charCodeAt(lt + 1)] ?? s[lt + 1]! : localName(s.slice(lt + 1, k));
        // Attributes stay in the buffer until asked for: a cell's three are read in place.
        this.src = s;
        this.from = k;
        this.to = stop;
        if (!this.stack.length && this.seenRoot) throw malformed(this.part, "nhiều phần tử gốc / several root elements");
        this.seenRoot = true;
        if (!self) {
          if (this.stack.length >= this.limits.maxDepth) throw tooLarge({ vi: `XML lồng quá sâu trong "${this.part}"`, en: `XML nested too deep in "${this.part}"` });
          this.stack.push(name);
        }
        this.sink.open(name, this, self);
        if (self) this.sink.close(name);
        pos = gt + 1;
      }
    }
    this.carry = pos < n ? s.slice(pos) : "";
    if (this.carry.length > this.limits.maxToken) throw tooLarge({ vi: `một đoạn văn bản hay thẻ XML dài quá ${this.limits.maxToken} ký tự trong "${this.part}"`, en: `a text run or XML tag longer than ${this.limits.maxToken} characters in "${this.part}"` });
  }

  end(): void {
    if (this.carry.trim() || this.stack.length || !this.seenRoot) throw malformed(this.part, "bị cắt cụt / cut short");
  }

  private emitText(s: string, from: number, to: number): void {
    if (!this.stack.length) {
      if (s.slice(from, to).trim()) throw malformed(this.part, "văn bản ngoài phần tử gốc / text outside the root");
      return;
    }
    if (this.sink.textAt) {
      let amp = false;
      for (let i = from; i < to; i++) if (s.charCodeAt(i) === AMP) { amp = true; break; }
      if (!amp) { this.sink.textAt(s, from, to); return; }
    }
    const t = s.slice(from, to);
    this.sink.text(t.indexOf("&") < 0 ? t : decodeEntities(t, this.part));
  }

  private closeTag(name: string): void {
    const open = this.stack.pop();
    if (open !== name) throw malformed(this.part, `</${name}> không khớp <${open ?? ""}> / does not match`);
    this.sink.close(name);
  }
}

const ONE_LETTER: string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function localName(qname: string): string {
  const k = qname.indexOf(":");
  return k < 0 ? qname : qname.slice(k + 1);
}

/** The `>` ending a start tag from `from`, skipping quoted attribute values; −1 if not yet here. */
function tagEnd(s: string, from: number): number {
  let q = 0;
  for (let i = from, n = s.length; i < n; i++) {
    const c = s.charCodeAt(i);
    if (q) { if (c === q) q = 0; } else if (c === GT) return i;
    else if (c === QUOT || c === APOS) q = c;
    else if (c === LT) return -2;
  }
  return -1;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(t: string, part: string): string {
  // The five named entities by a loop over the text (a formula's "&gt;" and "&quot;" in every
  // cell of a sheet saved without results went through a regular expression and a callback);
  // a numeric or unknown one sends the whole text to the full decoder, with its errors.
  let out = "";
  let from = 0;
  for (let i = t.indexOf("&"); i >= 0; i = t.indexOf("&", from)) {
    const end = t.indexOf(";", i + 1);
    const ch = end < 0 || end - i > 5 ? undefined : NAMED_BY_TEXT.get(t.slice(i, end + 1));
    if (ch === undefined) return decodeAll(t, part);
    out += t.slice(from, i) + ch;
    from = end + 1;
  }
  return from === 0 ? t : out + t.slice(from);
}

const NAMED_BY_TEXT = new Map(Object.entries({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" }));

function decodeAll(t: string, part: string): string {
  return t.replace(/&([^;&\s]{0,12});/g, (m, e: string) => {
    if (e in NAMED) return NAMED[e]!;
    const code = e[0] === "#" ? (e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NaN;
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) throw malformed(part, m);
    return String.fromCodePoint(code);
  });
}
