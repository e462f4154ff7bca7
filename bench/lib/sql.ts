/** SQL building blocks for set-based generation: deterministic hashes, word picks, bulk upload. */
import type pg from 'pg';
import { arr } from './util';

/** Schema of the generator's scratch tables and functions; dropped when generation ends. */
export const S = 'bench_gen';

/** The SQL functions the generated statements use (created in the scratch schema). */
export function helperFunctions(): string[] {
  return [
    // A uniform number in [0, 1) from an integer key and a salt: hash-based, so independent of row order.
    `CREATE FUNCTION ${S}.r(k bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
       $$ SELECT (hashint8extended(k, salt) & 2147483647)::float8 / 2147483648.0 $$`,
    `CREATE FUNCTION ${S}.ru(k uuid, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
       $$ SELECT (uuid_hash_extended(k, salt) & 2147483647)::float8 / 2147483648.0 $$`,
    // A calendar day (days since 1970-01-01) and minute of the day, as an instant in Copenhagen.
    `CREATE FUNCTION ${S}.at(d int, minute int) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
       $$ SELECT ((date '1970-01-01' + d) + make_interval(mins => minute)) AT TIME ZONE 'Europe/Copenhagen' $$`,
    `CREATE FUNCTION ${S}.d(d int) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date '1970-01-01' + d $$`,
    `CREATE FUNCTION ${S}.cap(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT upper(left(s, 1)) || substr(s, 2) $$`,
  ];
}

/** Builders bound to a seed: every salt is mixed with it, so another seed gives another data set. */
export function sqlKit(seed: number) {
  const salt = (n: number) => seed * 1_000_003 + n * 7919;
  /** Uniform [0, 1) for an integer key expression. */
  const R = (key: string, n: number) => `${S}.r((${key})::bigint, ${salt(n)})`;
  /** Uniform [0, 1) for a uuid expression. */
  const RU = (key: string, n: number) => `${S}.ru(${key}, ${salt(n)})`;
  /** One of the words, picked by key. */
  const pick = (xs: readonly string[], key: string, n: number) => `(${arr(xs)})[1 + floor(${R(key, n)} * ${xs.length})::int]`;
  /** A deterministic UUID: md5 of "seed:table:key". */
  const uuid = (table: string, key: string) => `md5('${seed}:${table}:' || (${key})::text)::uuid`;
  return { salt, R, RU, pick, uuid };
}

export type Col = [name: string, type: string];

/**
 * Insert rows through unnest() of one array per column, in chunks: fast, and no statement has
 * more than a handful of parameters. Array-valued columns are passed as text and split in SQL.
 */
export async function bulkInsert(client: pg.Client, table: string, cols: Col[], rows: unknown[][], chunk = 5000, select?: string): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params = cols.map((_, c) => part.map((r) => r[c]));
    const unnest = cols.map(([, type], c) => `$${c + 1}::${type === 'text[]' ? 'text' : type}[]`).join(', ');
    const names = cols.map(([name]) => name);
    const exprs = cols.map(([name, type]) => (type === 'text[]' ? `CASE WHEN ${name} = '' THEN '{}'::text[] ELSE string_to_array(${name}, '|') END` : name));
    await client.query(
      `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')})
       SELECT ${select ?? exprs.join(', ')} FROM unnest(${unnest}) AS u(${names.join(', ')})`,
      params,
    );
  }
}
