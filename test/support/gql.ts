/** Running GraphQL operations against the real schema and database, as a request would. */
import assert from 'node:assert/strict';
import { ApolloServer } from '@apollo/server';
import { DataSource } from 'typeorm';
import { Ctx, createContext } from '../../src/context';
import { Principal, SYSTEM } from '../../src/auth/principal';
import { createApollo } from '../../src/server';
import { JitOptions } from '../../src/http/jit';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export class Client {
  constructor(
    private apollo: ApolloServer<Ctx>,
    private ds: DataSource,
    public opts: { principal?: Principal; actorId?: string | null; now?: () => Date } = {},
  ) {}

  static async create(ds: DataSource, opts: { principal?: Principal; actorId?: string | null; now?: () => Date; jit?: JitOptions } = {}) {
    const { jit, ...rest } = opts;
    return new Client(await createApollo({ dataSource: ds, jit, log: process.env.GQL_DEBUG ? (m, e) => console.error(m, e) : () => undefined }), ds, rest);
  }

  async run<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    const res = await this.apollo.executeOperation({ query, variables }, { contextValue: createContext(this.ds, { ...this.opts, principal: this.opts.principal ?? SYSTEM }) });
    assert.equal(res.body.kind, 'single');
    return (res.body as any).singleResult as GqlResult<T>;
  }

  /** Run and insist on success. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const r = await this.run<T>(query, variables);
    assert.equal(r.errors, undefined, `unexpected errors: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  }

  /** Run and insist on one error with the given code; returns it. */
  async fails(query: string, variables: Record<string, unknown>, code: string) {
    const r = await this.run(query, variables);
    assert.ok(r.errors?.length, `expected ${code}, got data ${JSON.stringify(r.data)}`);
    assert.equal(r.errors![0].extensions?.code, code, JSON.stringify(r.errors));
    return r.errors![0];
  }

  stop() {
    return this.apollo.stop();
  }
}

/** Row counts of every table of the record, to prove a rejected mutation wrote nothing. */
export async function snapshot(ds: DataSource): Promise<Record<string, number>> {
  const tables: { table_name: string }[] = await ds.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await ds.query(`SELECT count(*)::int AS n, coalesce(max(xmin::text::bigint), 0) AS x FROM "${table_name}"`);
    out[table_name] = row.n;
    out[`${table_name}.xmin`] = Number(row.x);
  }
  return out;
}
