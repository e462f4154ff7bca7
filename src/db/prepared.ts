/**
 * Named prepared statements for the hot read paths (nested pages, loaders by id).
 *
 * A nested page statement is a few kilobytes of SQL; PostgreSQL parses and plans it on every request
 * (about 1 ms for the meeting history) unless it is prepared. `prepared(text)` marks a statement so
 * that `pg` prepares it once per pooled connection under a name derived from its text, and then only
 * binds parameters. The statements passed here are driven by id arrays and keys, so PostgreSQL's plan
 * choice (custom plans first, a generic plan when it costs no more) is safe. So is a search's (the
 * documents' GIN index whatever the term, fetchIdPage); other filtered top-level lists (status, dates)
 * keep unnamed statements, planned for their parameter values every time.
 *
 * TypeORM and its loggers (and the tests' statement counters) keep seeing plain strings: `prepared()`
 * only marks a text, and the pooled `pg` clients (patched by `usePreparedStatements`) send a marked
 * text as a named statement.
 *
 * Distinct texts are capped (PREPARED_STATEMENTS_MAX, default 256) so a stream of ad-hoc query shapes
 * cannot grow every connection's statement cache: beyond the cap, statements run unnamed as before.
 * A text is prepared from its second use on, so one-off shapes are never prepared.
 */
import { createHash } from 'node:crypto';

const MAX = Math.max(0, Number(process.env.PREPARED_STATEMENTS_MAX ?? 256));
/** Marked texts → statement names. */
const names = new Map<string, string>();
/** Texts marked once so far (bounded). */
const seen = new Set<string>();
let enabled = process.env.PREPARED_STATEMENTS !== '0';

/** Tests compare behaviour with and without prepared statements. */
export function setPreparedStatements(on: boolean): void {
  enabled = on;
}

/** Mark a statement text as worth preparing; returns the text unchanged. */
export function prepared(text: string): string {
  if (!enabled || names.has(text)) return text;
  if (seen.has(text) && names.size < MAX) {
    seen.delete(text);
    names.set(text, `prk_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`);
  } else if (seen.size < 10 * MAX) seen.add(text);
  return text;
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

function patchClient(client: { query: QueryFn; __prepared?: boolean }): void {
  if (client.__prepared) return;
  client.__prepared = true;
  const query = client.query.bind(client);
  client.query = (config, values, callback) => {
    if (typeof config === 'string' && enabled) {
      const name = names.get(config);
      if (name) return query({ text: config, name }, values, callback);
    }
    return query(config, values, callback);
  };
}

/** Let the pool's clients (present and future) send marked statements as named prepared statements. */
export function usePreparedStatements(pool: { on(event: 'connect', fn: (client: any) => void): void; _clients?: unknown[] } | undefined): void {
  if (!pool || typeof pool.on !== 'function') return;
  pool.on('connect', patchClient);
  for (const client of pool._clients ?? []) patchClient(client as { query: QueryFn });
}

/** Tests: start from no marked texts (connections keep what they prepared; names follow the text). */
export function forgetPreparedTexts(): void {
  names.clear();
  seen.clear();
}

/** How many distinct statements are prepared (metrics, tests). */
export function preparedCount(): number {
  return names.size;
}
