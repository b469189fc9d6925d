import { parseJson } from '../extract/json.ts';
import { isRecord, text } from './fields.ts';

/**
 * An mtop response text (JSON or JSONP, ids beyond 2^53 kept exact by shared/extract/json.ts) → its `data`,
 * or why not: not JSON, or a `ret` that is not SUCCESS (a logged-out page answers FAIL_SYS_SESSION_EXPIRED).
 */
export function mtopData(raw: string): { data: Record<string, unknown> } | { problem: string } {
  const value = parseJson(raw);
  if (!isRecord(value)) return { problem: 'not a JSON object' };
  const ret = Array.isArray(value.ret) ? text(value.ret[0], 300) : null;
  if (ret && !ret.startsWith('SUCCESS')) return { problem: `mtop ret: ${ret}` };
  return isRecord(value.data) ? { data: value.data } : { problem: 'no data' };
}

/** The ultron component map (`data.data`) as [tag, fields] pairs; tags from `tag`, `type` or the key. */
export function components(data: Record<string, unknown>): [string, Record<string, unknown>][] {
  const map = isRecord(data.data) ? data.data : {};
  const out: [string, Record<string, unknown>][] = [];
  for (const [key, value] of Object.entries(map)) {
    if (!isRecord(value) || !isRecord(value.fields)) continue;
    const tag = text(value.tag) ?? text(value.type) ?? key.replace(/_\d+$/, '');
    out.push([tag, value.fields]);
  }
  return out;
}
