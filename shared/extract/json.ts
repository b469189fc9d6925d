/**
 * Reading page data without losing ids: AliExpress SKU ids (and aliexpress.us product ids) exceed 2^53, and
 * `JSON.parse` silently rounds such integer literals. Long integer literals are therefore quoted before
 * parsing, so they arrive as exact decimal strings. Page scripts also assign JavaScript object literals
 * (`window.runParams = { data: {...}, csrfToken: '...' }`), which are read here without `eval`.
 */

const STRING_OR_LONG_INT = /"[^"\\]*(?:\\.[^"\\]*)*"|(?<![\w.+-])(-?\d{16,})(?![\d.eE])/g;

/** Integer digits beyond Number.MAX_SAFE_INTEGER (9007199254740991), the ones JSON.parse would round. */
function unsafe(digits: string): boolean {
  const d = digits.charCodeAt(0) === 45 ? digits.slice(1) : digits;
  return d.length > 16 || (d.length === 16 && d > '9007199254740991');
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Fast path: quotes each long digit run that sits where a JSON number sits (after `:` `[` `,`, before
 * `,` `]` `}`). Should such a run be inside a string, the inserted quotes break that string and the parse
 * fails, which sends the text down the exact (slower) path below: never a silent change.
 */
function quoteByNeighbours(text: string): string {
  // Anchored on the separator before the number: ~3× faster than scanning every digit run.
  const re = /[:,[]\s*(-?\d{16})/g;
  const parts: string[] = [];
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - (m[1] as string).length;
    let end = m.index + m[0].length;
    while (isDigit(text.charCodeAt(end))) end++;
    re.lastIndex = end;
    let q = end;
    while (q < text.length && isBlank(text.charCodeAt(q))) q++;
    const after = text.charCodeAt(q);
    const digits = text.slice(start, end);
    // `\":123…` is a JSON text nested in a string (AliExpress `utParams`, `p7`): leave it alone.
    const nested = text.charCodeAt(m.index - 1) === 34 && text.charCodeAt(m.index - 2) === 92;
    if (!nested && unsafe(digits) && (after === 44 || after === 93 || after === 125)) {
      parts.push(text.slice(last, start), '"', digits, '"');
      last = end;
    }
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

/** Quotes integer literals beyond 2^53 outside strings, so they survive `JSON.parse` exactly. */
export function quoteLongIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  return text.replace(STRING_OR_LONG_INT, (match, digits: string | undefined) =>
    digits && unsafe(digits) ? `"${digits}"` : match,
  );
}

/** JSON (or JSONP `callback({...})`) text → value, or undefined when it is not JSON. Never throws. */
export function parseJson(text: string): unknown {
  if (typeof text !== 'string') return undefined;
  let body = text.trim();
  const jsonp = /^[\w$.]+\s*\(/.exec(body);
  if (jsonp) body = body.slice(jsonp[0].length).replace(/\)\s*;?\s*$/, '');
  const first = body.charCodeAt(0);
  if (first !== 123 /* { */ && first !== 91 /* [ */) return undefined;
  // `{` followed by anything but a quote or `}` is a JavaScript literal, not JSON: skip the doomed parse.
  if (first === 123 && !/^\{\s*["}]/.test(body.slice(0, 64))) return undefined;
  try {
    return JSON.parse(quoteByNeighbours(body));
  } catch {
    try {
      return JSON.parse(quoteLongIntegers(body));
    } catch {
      return undefined;
    }
  }
}

/**
 * Index just past the value that starts at `start` (an object, array, string or bare token), honouring
 * strings and comments; -1 when the text ends first (a truncated page).
 */
export function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  // A value that opens a bracket or quote ends where it closes; anything else (code such as
  // `function () {...}`) runs to the next top-level separator.
  const bracketed = first === 123 || first === 91 || first === 40;
  const quoted = first === 34 || first === 39 || first === 96;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (depth === 0 && i > start && (c === 44 || c === 59 || c === 10 || c === 125 || c === 93 || c === 41)) {
      return i;
    }
    if (c === 34 || c === 39 || c === 96) {
      // Strings: jump from quote to quote, skipping escaped ones.
      let j = i + 1;
      for (;;) {
        j = text.indexOf(text[i] as string, j);
        if (j < 0) return -1;
        let backslashes = 0;
        while (text.charCodeAt(j - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) break;
        j++;
      }
      i = j;
      if (quoted && i > start) return i + 1;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl - 1;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === 123 || c === 91 || c === 40) {
      depth++;
    } else if (c === 125 || c === 93 || c === 41) {
      depth--;
      if (depth < 0) return -1;
      if (depth === 0 && bracketed) return i + 1;
    }
  }
  return depth === 0 && !bracketed && !quoted ? text.length : -1;
}

/** One string-aware pass over a literal: strings of either quote, comments, trailing commas, bare keys. */
const LITERAL_PART =
  /"[^"\\]*(?:\\.[^"\\]*)*"|'([^'\\]*(?:\\.[^'\\]*)*)'|\/\/[^\n]*|\/\*[\s\S]*?\*\/|,(?=\s*[}\]])|\bundefined\b|([A-Za-z_$][\w$]*)(?=\s*:)/g;

/**
 * A JavaScript object/array literal made only of data (unquoted keys, single quotes, trailing commas,
 * comments, `undefined`) → JSON text. Code (calls, operators, variables) stays as it is and fails to parse.
 */
export function literalToJson(literal: string): string {
  return literal.replace(LITERAL_PART, (part, single: string | undefined, key: string | undefined) => {
    if (single !== undefined) {
      const body = single.replace(/\\(.)|"/g, (seq, c: string | undefined) =>
        c === undefined ? '\\"' : c === "'" ? c : seq,
      );
      return `"${body}"`;
    }
    if (key !== undefined) return `"${key}"`;
    if (part === 'undefined') return 'null';
    return part.charCodeAt(0) === 34 ? part : '';
  });
}

/** A data literal (JSON or JavaScript) → value, or undefined. Never throws. */
export function parseLiteral(literal: string): unknown {
  const asJson = parseJson(literal);
  if (asJson !== undefined) return asJson;
  return parseJson(literalToJson(literal));
}

/**
 * Pages print `data: {…minified JSON…},` on one line: trying that line first skips the character-by-character
 * scan of ~200 KB. A line that is not one complete JSON value fails to parse and falls back to the scan.
 */
function jsonOnOneLine(text: string, start: number): { value: unknown; end: number } | null {
  const first = text.charCodeAt(start);
  if (first !== 123 && first !== 91) return null;
  const nl = text.indexOf('\n', start);
  let end = nl < 0 ? text.length : nl;
  while (end > start && /[\s,;]/.test(text[end - 1] as string)) end--;
  const last = text.charCodeAt(end - 1);
  if (end - start < 2 || last !== (first === 123 ? 125 : 93)) return null;
  const value = parseJson(text.slice(start, end));
  return typeof value === 'object' && value !== null ? { value, end } : null;
}

const MEMBER_KEY = /\s*,?\s*(?:"([^"\\]+)"|'([^'\\]+)'|([A-Za-z_$][\w$]*))\s*:\s*/y;

/**
 * Reads an object literal member by member, so one member that is code (a function, an expression) does not
 * lose the others, and the big `data:` member goes straight to the native JSON parser.
 */
export function parseObjectLiteral(text: string, open: number): Record<string, unknown> | undefined {
  if (/^\{\s*["}]/.test(text.slice(open, open + 64))) {
    const end = valueEnd(text, open);
    const whole = end < 0 ? undefined : parseJson(text.slice(open, end));
    return typeof whole === 'object' && whole !== null ? (whole as Record<string, unknown>) : undefined;
  }
  const out: Record<string, unknown> = {};
  let i = open + 1;
  for (;;) {
    MEMBER_KEY.lastIndex = i;
    const m = MEMBER_KEY.exec(text);
    if (!m) break;
    const key = (m[1] ?? m[2] ?? m[3]) as string;
    const valueStart = MEMBER_KEY.lastIndex;
    const oneLine = jsonOnOneLine(text, valueStart);
    if (oneLine) {
      out[key] = oneLine.value;
      i = oneLine.end;
      continue;
    }
    const valueStop = valueEnd(text, valueStart);
    if (valueStop < 0) break;
    const value = parseLiteral(text.slice(valueStart, valueStop));
    if (value !== undefined) out[key] = value;
    i = valueStop;
  }
  return out;
}

/**
 * The object assigned to `name` in script text (`window.runParams = {...}`, `_init_data_= {...}`):
 * the first assignment whose value is an object literal. Undefined when absent or unreadable.
 */
export function readAssignedObject(text: string, name: string): Record<string, unknown> | undefined {
  let from = 0;
  for (let n = 0; n < 8; n++) {
    const at = text.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const m = /^\s*=\s*(?:[\w$.]+\s*\|\|\s*)?\{/.exec(text.slice(from, from + 200));
    if (!m) continue;
    const open = from + m[0].length - 1;
    const value = parseObjectLiteral(text, open);
    if (value !== undefined) return value;
  }
  return undefined;
}
