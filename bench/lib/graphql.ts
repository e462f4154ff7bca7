/** Single requests to the app and the limit server (correctness checks, statement counts, plan capture). */
import { isDeepStrictEqual } from 'node:util';
import { ReadScenario } from '../scenarios';

export interface GqlResponse {
  status: number;
  data?: any;
  errors?: any[];
  raw: string;
}

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<GqlResponse> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const raw = await res.text();
  let parsed: any = {};
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = { errors: [{ message: `not JSON: ${raw.slice(0, 200)}` }] };
  }
  return { status: res.status, data: parsed.data, errors: parsed.errors, raw };
}

export function appRequest(appUrl: string, key: string, query: string, variables: Record<string, unknown>): Promise<GqlResponse> {
  return post(appUrl, { authorization: `Bearer ${key}` }, { query, variables });
}

export function limitUrl(limitBase: string, s: ReadScenario, pageSize = s.pageSize): string {
  return `${limitBase}/${s.id}${pageSize !== s.pageSize ? `?first=${pageSize}` : ''}`;
}

export function limitRequest(limitBase: string, s: ReadScenario, variables: Record<string, unknown>, pageSize = s.pageSize): Promise<GqlResponse> {
  return post(limitUrl(limitBase, s, pageSize), {}, { variables });
}

/** The first differences between two JSON values, as paths with both values. */
export function differences(a: unknown, b: unknown, path = 'data', out: string[] = [], max = 8): string[] {
  if (out.length >= max || isDeepStrictEqual(a, b)) return out;
  const short = (v: unknown) => {
    const s = JSON.stringify(v);
    return s === undefined ? 'undefined' : s.length > 120 ? s.slice(0, 117) + '...' : s;
  };
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} items (app) vs ${b.length} (limit)`);
    for (let i = 0; i < Math.min(a.length, b.length) && out.length < max; i++) differences(a[i], b[i], `${path}[${i}]`, out, max);
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (out.length >= max) break;
      differences((a as any)[k], (b as any)[k], `${path}.${k}`, out, max);
    }
    return out;
  }
  out.push(`${path}: app ${short(a)} vs limit ${short(b)}`);
  return out;
}

/** The connection object of a paged scenario's response (e.g. data.decisions). */
export function pageInfoOf(data: any, connection: string): { hasNextPage: boolean; endCursor: string | null; count: number } {
  const c = data?.[connection];
  return { hasNextPage: !!c?.pageInfo?.hasNextPage, endCursor: c?.pageInfo?.endCursor ?? null, count: c?.edges?.length ?? 0 };
}

/** Size of a response's `data`: items in every list, for the report. */
export function countItems(v: unknown): number {
  if (Array.isArray(v)) return v.length + v.reduce((a: number, x) => a + countItems(x), 0);
  if (v && typeof v === 'object') return Object.values(v).reduce((a: number, x) => a + countItems(x), 0);
  return 0;
}
