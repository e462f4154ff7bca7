/**
 * Protection of the GraphQL endpoint: limits on what one document may ask for, the production
 * hardening of error messages and introspection, a request timeout, and a per-user / per-key rate
 * limit shared by every server process through PostgreSQL.
 *
 * Limits (defaults; each can be changed through the environment):
 *
 * | limit                | default   | env                    | what it counts                                                    |
 * | -------------------- | --------- | ---------------------- | ----------------------------------------------------------------- |
 * | depth                | 20        | GQL_MAX_DEPTH          | nesting of fields (`edges` and `node` count as levels)            |
 * | aliases              | 15        | GQL_MAX_ALIASES        | aliased fields in one operation (`__typename` aliases are free)   |
 * | tokens               | 3000      | GQL_MAX_TOKENS         | lexical tokens of the document (comments and whitespace are free) |
 * | cost                 | 1,000,000 | GQL_MAX_COST           | most list items a query could return (see "cost" below)           |
 * | directives           | 20        | GQL_MAX_DIRECTIVES     | directives (`@include`, `@skip`) in one operation                 |
 * | rate limit           | 300 / 60 s| RATE_LIMIT_POINTS, RATE_LIMIT_WINDOW_SEC | requests per user, API key, or IP when anonymous |
 * | request timeout      | 30 s      | REQUEST_TIMEOUT_MS     | time to receive a request and to answer it                        |
 *
 * How the front end's deepest real queries measure against them:
 *
 * | query                                                    | depth | aliases | tokens | cost    |
 * | -------------------------------------------------------- | ----- | ------- | ------ | ------- |
 * | README "a forum's meeting history" (forums(first: 7))    | 17    | 0       | 87     | 176,848 |
 * | front end HISTORY query, `$first: 50`                    | 15    | 0       | 102    | 421,050 |
 * | front end HISTORY query, `$first: 100` (largest page)    | 15    | 0       | 102    | 842,100 |
 * | README "an organisation's responsibility page"           | 8     | 1       | 123    | 256     |
 * | the other README examples                                | ≤ 9   | 0       | ≤ 72   | ≤ 841   |
 *
 * Depth 20 leaves room for one more connection level (a connection adds three: field, edges, node)
 * under the README's deepest query (17). The cost limit passes the HISTORY query at every allowed
 * page size, and refuses three nested connections at 100 per page (1,010,100) and anything deeper
 * at that size.
 *
 * Cost: the most list items (connection edges, entries of plain lists) the query could return,
 * the way GitHub's API counts nodes. A connection's page is its `first`/`last` (a literal or a
 * variable) or 20 when neither is given, and multiplies everything selected under its `edges`;
 * plain lists count 20 per parent (`nodes(ids:)` the number of ids). graphql-armor's own cost
 * limit is not used: it only multiplies by literal `first`/`last` (`first: $first` counts as 1, and
 * so do nested connections without `first`), so the HISTORY query costs 2,228 there at any page
 * size while the shallower README history query costs 122,135. Ours is computed once the operation and its variables are known
 * (didResolveOperation), before anything executes; the same walk refuses `first`/`last` outside
 * 1..100 with HTTP 400 BAD_USER_INPUT (the resolvers would refuse it too, but with HTTP 200).
 *
 * What a client gets (HTTP 400, nothing executed):
 *   QUERY_TOO_DEEP, TOO_MANY_ALIASES, TOO_MANY_DIRECTIVES, TOO_MANY_TOKENS, QUERY_TOO_COSTLY, with
 *   `extensions.limit` (and `extensions.found` where known); INTROSPECTION_DISABLED in production;
 *   BAD_USER_INPUT with `field: 'first' | 'last'` for a page size outside 1..100.
 * Rate limited: HTTP 429 RATE_LIMITED with Retry-After and RateLimit-* headers (rateLimitedResponse).
 * Timed out: HTTP 503 REQUEST_TIMEOUT (timeoutResponse).
 *
 * Pieces of graphql-armor used: max depth, max aliases and max directives (their validation rules,
 * reporting our codes). Its Apollo max-tokens plugin is not used: it parses in parsingDidStart,
 * where any thrown error (over the limit, or a plain syntax error) escapes Apollo's pipeline as a
 * 500 (tried: `{ a ` gets 500 GRAPHQL_VALIDATION_FAILED instead of 400 GRAPHQL_PARSE_FAILED), and its
 * unexpectedErrorProcessingRequest hook rethrows every unexpected error's text to the client. graphql-js's own `parseOptions.maxTokens` is used instead:
 * the lexer stops at the limit and Apollo answers 400. Its field-suggestion masking is not used
 * either: its pattern misses "Did you mean the enum value …" and "Did you mean to use an inline
 * fragment on …"; the plugin below removes every "Did you mean …?" sentence in production.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  FieldNode,
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  getNamedType,
  Kind,
  OperationDefinitionNode,
  ParseOptions,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
  GraphQLOutputType,
} from 'graphql';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RateLimiterAbstract } from 'rate-limiter-flexible';
// Page size without first/last (20) and the largest page (100), as the resolvers apply them.
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';

// ------------------------------------------------------------------------------------ config

export interface ProtectionConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  production: boolean;
  rateLimit: { points: number; durationSec: number };
  requestTimeoutMs: number;
}

export const PROTECTION_DEFAULTS: Omit<ProtectionConfig, 'production'> = {
  maxDepth: 20,
  maxAliases: 15,
  maxTokens: 3000,
  maxCost: 1_000_000,
  maxDirectives: 20,
  rateLimit: { points: 300, durationSec: 60 },
  requestTimeoutMs: 30_000,
};

/** Assumed length of a plain list field (e.g. `trail`) in the cost estimate. */
export const PLAIN_LIST_SIZE = 20;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** The limits, from the defaults above and the environment (GQL_MAX_*, RATE_LIMIT_*, REQUEST_TIMEOUT_MS). */
export function loadProtectionConfig(production: boolean, env: NodeJS.ProcessEnv = process.env): ProtectionConfig {
  const d = PROTECTION_DEFAULTS;
  return {
    maxDepth: positiveInt(env, 'GQL_MAX_DEPTH', d.maxDepth),
    maxAliases: positiveInt(env, 'GQL_MAX_ALIASES', d.maxAliases),
    maxTokens: positiveInt(env, 'GQL_MAX_TOKENS', d.maxTokens),
    maxCost: positiveInt(env, 'GQL_MAX_COST', d.maxCost),
    maxDirectives: positiveInt(env, 'GQL_MAX_DIRECTIVES', d.maxDirectives),
    production,
    rateLimit: {
      points: positiveInt(env, 'RATE_LIMIT_POINTS', d.rateLimit.points),
      durationSec: positiveInt(env, 'RATE_LIMIT_WINDOW_SEC', d.rateLimit.durationSec),
    },
    requestTimeoutMs: positiveInt(env, 'REQUEST_TIMEOUT_MS', d.requestTimeoutMs),
  };
}

// ------------------------------------------------------------------------------ error codes

export type LimitCode =
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_TOKENS'
  | 'QUERY_TOO_COSTLY'
  | 'INTROSPECTION_DISABLED';

export const LIMIT_CODES: ReadonlySet<string> = new Set<LimitCode>([
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COSTLY',
  'INTROSPECTION_DISABLED',
]);

/** An armor rejection ("… limit of 20 exceeded, found 23.") reported as our own error with our code. */
function reportAs(code: LimitCode, describe: (limit: number, found: number | undefined) => string, limit: number) {
  return (ctx: ValidationContext | null, err: GraphQLError) => {
    const m = /found (\d+)/.exec(err.message);
    const found = m ? Number(m[1]) : undefined;
    ctx?.reportError(
      new GraphQLError(describe(limit, found), {
        extensions: { code, limit, ...(found !== undefined ? { found } : {}) },
      }),
    );
  };
}

/** Refuses `__schema`, `__type` and anything else returning an introspection type (graphql-js's rule, with our code). */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    const type = getNamedType(context.getType());
    if (type && isIntrospectionType(type)) {
      context.reportError(
        new GraphQLError(`Introspection is disabled: the query asks for "${node.name.value}"`, {
          nodes: node,
          extensions: { code: 'INTROSPECTION_DISABLED' },
        }),
      );
    }
  },
});

const SUGGESTION = / ?Did you mean [^?]*\?/g;

// --------------------------------------------------------------------------------- cost

interface CostWalk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  defaults: Map<string, ValueNode>;
  memo: Map<string, number>;
}

function badPageSize(field: 'first' | 'last', value: unknown): GraphQLError {
  const reason = `must be between 1 and ${MAX_PAGE_SIZE}`;
  return new GraphQLError(`${field}: ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT', field, reason, value, http: { status: 400 } },
  });
}

/** The value of `first`/`last` on a field (literal, variable, or the variable's default); null when absent. */
function pageArg(w: CostWalk, node: FieldNode, name: 'first' | 'last'): number | null {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  let value: unknown = null;
  if (arg.value.kind === Kind.INT) value = Number(arg.value.value);
  else if (arg.value.kind === Kind.VARIABLE) {
    const v = arg.value.name.value;
    if (w.variables[v] !== undefined) value = w.variables[v];
    else {
      const d = w.defaults.get(v);
      if (d?.kind === Kind.INT) value = Number(d.value);
    }
  }
  if (value === null || value === undefined) return null;
  // Not a number (a string, a float literal): variable coercion or validation refuses it later.
  if (typeof value !== 'number') return null;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) throw badPageSize(name, value);
  return value;
}

function listLength(w: CostWalk, node: FieldNode, name: string): number | null {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  if (arg.value.kind === Kind.LIST) return arg.value.values.length;
  if (arg.value.kind === Kind.VARIABLE) {
    const v = w.variables[arg.value.name.value];
    if (Array.isArray(v)) return v.length;
  }
  return null;
}

function isConnection(t: GraphQLCompositeType): boolean {
  if (!isObjectType(t)) return false;
  const f = t.getFields();
  return 'edges' in f && 'pageInfo' in f;
}

function isList(t: GraphQLOutputType): boolean {
  return isListType(isNonNullType(t) ? t.ofType : t);
}

function selectionCost(w: CostWalk, set: SelectionSetNode, parent: GraphQLCompositeType, page: number | null): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) total += fieldCost(w, sel, parent, page);
    else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
      if (t && isCompositeType(t)) total += selectionCost(w, sel.selectionSet, t, page);
    } else {
      // A fragment's cost is linear in its parent's multiplier: computed once per page context.
      const key = `${sel.name.value}|${page ?? ''}`;
      let c = w.memo.get(key);
      if (c === undefined) {
        w.memo.set(key, 0); // a cycle (refused by validation anyway) costs nothing more
        const frag = w.fragments.get(sel.name.value);
        const t = frag && w.schema.getType(frag.typeCondition.name.value);
        c = frag && t && isCompositeType(t) ? selectionCost(w, frag.selectionSet, t, page) : 0;
        w.memo.set(key, c);
      }
      total += c;
    }
  }
  return total;
}

function fieldCost(w: CostWalk, node: FieldNode, parent: GraphQLCompositeType, page: number | null): number {
  const name = node.name.value;
  if (name.startsWith('__')) return 0;
  const def: GraphQLField<unknown, unknown> | undefined =
    isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  if (!def) return 0;
  let ownPage: number | null = null;
  if (def.args.some((a) => a.name === 'first' || a.name === 'last')) {
    const first = pageArg(w, node, 'first');
    const last = pageArg(w, node, 'last');
    ownPage = Math.max(first ?? 0, last ?? 0) || DEFAULT_PAGE_SIZE;
  }
  const named = getNamedType(def.type);
  if (!node.selectionSet || !isCompositeType(named)) return 0;
  if (isConnection(named)) return selectionCost(w, node.selectionSet, named, ownPage ?? DEFAULT_PAGE_SIZE);
  if (!isList(def.type)) return selectionCost(w, node.selectionSet, named, null);
  const items =
    page !== null && (name === 'edges' || name === 'nodes') && isConnection(parent)
      ? page
      : (listLength(w, node, 'ids') ?? ownPage ?? PLAIN_LIST_SIZE);
  return items * (1 + selectionCost(w, node.selectionSet, named, null));
}

/**
 * The most list items `operation` could return (see the header). Throws BAD_USER_INPUT (HTTP 400)
 * for a `first`/`last` outside 1..100.
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Iterable<FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const w: CostWalk = {
    schema,
    fragments: new Map([...fragments].map((f) => [f.name.value, f])),
    variables: variables ?? {},
    defaults: new Map(
      (operation.variableDefinitions ?? []).flatMap((d) => (d.defaultValue ? [[d.variable.name.value, d.defaultValue] as const] : [])),
    ),
    memo: new Map(),
  };
  return Math.min(selectionCost(w, operation.selectionSet, root, null), Number.MAX_SAFE_INTEGER);
}

// ------------------------------------------------------------------------------- plugins

/** The code a limit error should carry: Apollo rewrites validation errors' codes to GRAPHQL_VALIDATION_FAILED. */
function limitCodeOf(error: GraphQLError): string | undefined {
  const orig = error.originalError;
  if (orig instanceof GraphQLError && typeof orig.extensions?.code === 'string' && LIMIT_CODES.has(orig.extensions.code)) {
    return orig.extensions.code;
  }
  return undefined;
}

/**
 * The cost of an operation for its variables, computed once: Apollo hands every request of the same
 * document the same parsed operation, so the cost is kept with it (at most 64 variable sets each).
 */
const costs = new WeakMap<OperationDefinitionNode, Map<string, number>>();

function cachedCost(schema: GraphQLSchema, operation: OperationDefinitionNode, document: DocumentNode, variables: Record<string, unknown>): number {
  const estimate = () => estimateCost(schema, operation, document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION), variables);
  let byVariables = costs.get(operation);
  if (!byVariables) costs.set(operation, (byVariables = new Map()));
  let key: string;
  try {
    key = JSON.stringify(variables);
  } catch {
    // Variables too deep to print (a hostile document): not cached; execution refuses them.
    return estimate();
  }
  let cost = byVariables.get(key);
  if (cost === undefined) {
    cost = estimate();
    if (byVariables.size >= 64) byVariables.clear();
    byVariables.set(key, cost);
  }
  return cost;
}

// graphql-js 16 spells it "more that".
const TOKENS = /Document contains more th(?:an|at) (\d+) tokens/;

function protectionPlugin(cfg: ProtectionConfig): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation || !rc.document) return;
          const cost = cachedCost(rc.schema, rc.operation, rc.document, rc.request.variables ?? {});
          if (cost > cfg.maxCost) {
            throw new GraphQLError(
              `Query is too costly: it could return up to ${cost} list items, the limit is ${cfg.maxCost}. ` +
                'Ask for smaller pages (first/last) or fewer nested lists.',
              { extensions: { code: 'QUERY_TOO_COSTLY', limit: cfg.maxCost, found: cost, http: { status: 400 } } },
            );
          }
        },
        async didEncounterErrors(rc) {
          for (const error of rc.errors) {
            const ext = error.extensions as Record<string, unknown>;
            const code = limitCodeOf(error);
            if (code) ext.code = code;
            const tokens = TOKENS.exec(error.message);
            if (tokens && ext.code === 'GRAPHQL_PARSE_FAILED') {
              ext.code = 'TOO_MANY_TOKENS';
              ext.limit = Number(tokens[1]);
              error.message = `Query is too large: more than ${tokens[1]} tokens`;
            }
            if (cfg.production) error.message = error.message.replace(SUGGESTION, '');
          }
        },
      };
    },
  };
}

export interface ArmorSetup {
  plugins: ApolloServerPlugin<any>[];
  validationRules: ValidationRule[];
  /** Pass to `new ApolloServer({ parseOptions })`: the token limit is enforced by graphql-js's lexer. */
  parseOptions: ParseOptions;
}

/**
 * Plugins, validation rules and parse options for `new ApolloServer({...})`. Every refusal is an
 * HTTP 400 with a specific `extensions.code` (see the header).
 */
export function armorPlugins(cfg: ProtectionConfig): ArmorSetup {
  const armor = new ApolloArmor({
    maxDepth: {
      n: cfg.maxDepth,
      propagateOnRejection: false,
      onReject: [reportAs('QUERY_TOO_DEEP', (n, f) => `Query is too deep: ${f !== undefined ? `depth ${f}, ` : ''}the limit is ${n}`, cfg.maxDepth)],
    },
    maxAliases: {
      n: cfg.maxAliases,
      propagateOnRejection: false,
      onReject: [reportAs('TOO_MANY_ALIASES', (n, f) => `Query uses too many aliases: ${f ?? 'more than ' + n}, the limit is ${n}`, cfg.maxAliases)],
    },
    maxDirectives: {
      n: cfg.maxDirectives,
      propagateOnRejection: false,
      onReject: [
        reportAs('TOO_MANY_DIRECTIVES', (n, f) => `Query uses too many directives: ${f ?? 'more than ' + n}, the limit is ${n}`, cfg.maxDirectives),
      ],
    },
    // Replaced, see the header: parseOptions.maxTokens, estimateCost, and protectionPlugin.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const armored = armor.protect();
  return {
    plugins: [...armored.plugins, protectionPlugin(cfg)],
    validationRules: [...armored.validationRules, ...(cfg.production ? [noIntrospectionRule] : [])],
    parseOptions: { maxTokens: cfg.maxTokens },
  };
}

// ---------------------------------------------------------------------------- rate limit

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (and, when refused, until a retry can succeed). */
  resetSec: number;
  windowSec: number;
}

export const RATE_LIMIT_SCHEMA = 'rate_limit';
export const RATE_LIMIT_TABLE = 'consumption';

interface PgPoolLike {
  connect(): Promise<{ query(sql: string, params?: unknown[]): Promise<unknown>; release(err?: unknown): void }>;
  query(...args: any[]): Promise<any>;
}

/**
 * The library's table, in its own schema (so it is not one of the record's tables) and UNLOGGED
 * (counters need no crash safety). An advisory lock keeps processes starting together from racing
 * on CREATE … IF NOT EXISTS.
 */
async function ensureRateLimitTable(pool: PgPoolLike): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('partnership-record:rate_limit'))");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${RATE_LIMIT_SCHEMA}`);
    await client.query(
      `CREATE UNLOGGED TABLE IF NOT EXISTS ${RATE_LIMIT_SCHEMA}.${RATE_LIMIT_TABLE} (
         key varchar(255) PRIMARY KEY,
         points integer NOT NULL DEFAULT 0,
         expire bigint
       )`,
    );
    await client.query('COMMIT');
    client.release();
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(e);
    throw e;
  }
}

/** Coalescing of PostgreSQL counter updates (see RateLimiter). */
export const RATE_LIMIT_COALESCE = {
  /** Requests of a key counted locally before they are written in one upsert (and twice that are never unwritten). */
  batch: 20,
  /** The longest a locally counted request waits before it is written (ms). */
  flushMs: 50,
  /** Requests are counted locally only while at least this many remain in the key's budget. */
  slack: 100,
  /** …and only while this process heard the key's counter from PostgreSQL at most this long ago (ms). */
  freshMs: 100,
};

interface KeyState {
  /** Points consumed in the window by every process, as PostgreSQL last reported. */
  known: number;
  /** When that window ends (epoch ms). */
  resetAt: number;
  /** When PostgreSQL last reported `known` (epoch ms). */
  syncedAt: number;
  /** Admitted here, not yet written. */
  pending: number;
  /** Being written now. */
  inflight: number;
  /** The key's last write from this process (writes of one key are serial). */
  tail: Promise<void>;
}

/**
 * A fixed-window budget of `points` requests per `durationSec` per key. With a pg Pool the counters
 * live in PostgreSQL (RateLimiterPostgres), so every server process on the database draws from the
 * same budget; should the database fail, each process falls back to counting in memory. Without a
 * pool, in memory (one process).
 *
 * Coalesced writes (issue 4: one upsert per request was a sixth of a status change's statements):
 * while a key has at least RATE_LIMIT_COALESCE.slack (100) requests left in its window, as this
 * process heard from PostgreSQL at most 100 ms ago, a request is admitted from that figure and
 * counted locally; the local count is added to the PostgreSQL counter in one upsert per key after
 * 20 requests or 50 ms, whichever comes first, and the upsert's answer refreshes the figure. A key's
 * first request in a process (or after 100 ms without news), every request within the last 100 of
 * a budget, and every request while 40 of the key's requests are unwritten go to PostgreSQL at
 * once, as before: small budgets and the last 100 requests of every budget are counted exactly
 * across processes. Tolerance: a process admits locally only against a figure at most 100 ms old
 * and holds at most 40 unwritten requests of a key, so the budget is overrun only when the other
 * processes admitted more than 100 requests of that one key within ~100 ms (beyond 1,000 requests/s
 * for one person or key); a process that dies loses at most 40 counted requests per key (the key
 * gets that many more; nobody is refused wrongly).
 */
export class RateLimiter {
  private limiter: RateLimiterAbstract | null = null;
  private ready: Promise<void>;
  /** Per key, for coalesced PostgreSQL writes; null when counting in memory (nothing to coalesce). */
  private states: Map<string, KeyState> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  readonly limit: number;
  readonly windowSec: number;

  constructor(cfg: Pick<ProtectionConfig, 'rateLimit'>, pool?: any) {
    const points = cfg.rateLimit.points;
    const duration = cfg.rateLimit.durationSec;
    this.limit = points;
    this.windowSec = duration;
    const memory = () => new RateLimiterMemory({ points, duration, keyPrefix: 'gql' });
    if (!pool) {
      this.limiter = memory();
      this.ready = Promise.resolve();
      return;
    }
    this.states = new Map();
    this.ready = ensureRateLimitTable(pool).then(() => {
      this.limiter = new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        schemaName: RATE_LIMIT_SCHEMA,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: 'gql',
        points,
        duration,
        insuranceLimiter: memory(),
      });
    });
    // Surfaced by consume(); keep an early failure from becoming an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Spend one request of `key`'s budget. */
  async consume(key: string): Promise<RateLimitResult> {
    await this.ready;
    const k = key.length > 200 ? 'h:' + createHash('sha256').update(key).digest('hex') : key;
    const base = { limit: this.limit, windowSec: this.windowSec };
    if (!this.states) {
      try {
        const r = await this.limiter!.consume(k);
        return { ...base, allowed: true, remaining: r.remainingPoints, resetSec: Math.max(1, Math.ceil(r.msBeforeNext / 1000)) };
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          return { ...base, allowed: false, remaining: 0, resetSec: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
        }
        throw e;
      }
    }
    const now = Date.now();
    let st = this.states.get(k);
    if (st && now >= st.resetAt) {
      // The window has ended: what was counted here for it no longer matters.
      st.pending = 0;
      st.known = 0;
    }
    if (
      st &&
      now < st.resetAt - RATE_LIMIT_COALESCE.flushMs &&
      now - st.syncedAt <= RATE_LIMIT_COALESCE.freshMs &&
      st.pending + st.inflight < 2 * RATE_LIMIT_COALESCE.batch
    ) {
      const left = this.limit - st.known - st.pending - st.inflight - 1;
      if (left >= RATE_LIMIT_COALESCE.slack) {
        st.pending++;
        if (st.pending >= RATE_LIMIT_COALESCE.batch) void this.flushKey(k, st);
        else this.scheduleFlush();
        return { ...base, allowed: true, remaining: left, resetSec: Math.max(1, Math.ceil((st.resetAt - now) / 1000)) };
      }
    }
    // At once, taking along what this process counted locally for the key; after any write of the key
    // still under way, so the counter that comes back includes every request this process admitted.
    if (!st) this.states.set(k, (st = { known: 0, resetAt: 0, syncedAt: 0, pending: 0, inflight: 0, tail: Promise.resolve() }));
    const points = 1 + st.pending;
    st.pending = 0;
    const r = await this.write(k, st, points);
    this.scheduleFlush(); // also forgets ended windows
    const resetSec = Math.max(1, Math.ceil(r.msBeforeNext / 1000));
    if (r.consumedPoints > this.limit) return { ...base, allowed: false, remaining: 0, resetSec };
    return { ...base, allowed: true, remaining: Math.max(0, this.limit - r.consumedPoints), resetSec };
  }

  /**
   * Add `points` to the key's PostgreSQL counter, after the key's previous write from this process
   * (writes of one key are serial, so each answer includes all earlier ones); the counter afterwards.
   */
  private async write(k: string, st: KeyState, points: number): Promise<RateLimiterRes> {
    st.inflight += points;
    const run = st.tail.then(async () => {
      try {
        return await this.limiter!.consume(k, points);
      } catch (e) {
        if (e instanceof RateLimiterRes) return e;
        throw e;
      }
    });
    st.tail = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      const r = await run;
      st.known = r.consumedPoints;
      st.syncedAt = Date.now();
      st.resetAt = st.syncedAt + r.msBeforeNext;
      return r;
    } finally {
      st.inflight -= points;
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, RATE_LIMIT_COALESCE.flushMs);
    this.flushTimer.unref();
  }

  /** Write every key's locally counted requests (and forget keys whose window has ended). */
  async flush(): Promise<void> {
    if (!this.states) return;
    const now = Date.now();
    const writes: Promise<void>[] = [];
    for (const [k, st] of this.states) {
      if (st.pending) writes.push(this.flushKey(k, st));
      else if (!st.inflight && now >= st.resetAt) this.states.delete(k);
    }
    await Promise.all(writes);
  }

  private async flushKey(k: string, st: KeyState): Promise<void> {
    const n = st.pending;
    if (!n) return;
    st.pending = 0;
    try {
      await this.write(k, st, n);
    } catch {
      // The library fell back to its in-memory insurance limiter already; only this count is lost.
    } finally {
      if (st.pending) this.scheduleFlush();
    }
  }
}

/**
 * The key a request is counted under: the principal's key for a person or an API key
 * (`principalKey()` in src/auth/principal.ts), else the client's address.
 */
export function rateLimitKey(principalKey: string | null | undefined, remoteAddress: string | undefined): string {
  if (principalKey && principalKey !== 'anonymous' && principalKey !== 'system') return principalKey;
  return `ip:${remoteAddress ?? 'unknown'}`;
}

/** RateLimit-* headers (IETF draft-ietf-httpapi-ratelimit-headers), and Retry-After when refused. */
export function rateLimitHeaders(r: RateLimitResult | Omit<RateLimitResult, 'windowSec'>): Record<string, string> {
  const h: Record<string, string> = {
    'RateLimit-Limit': String(r.limit),
    'RateLimit-Remaining': String(r.remaining),
    'RateLimit-Reset': String(r.resetSec),
  };
  if ('windowSec' in r) h['RateLimit-Policy'] = `${r.limit};w=${r.windowSec}`;
  if (!r.allowed) h['Retry-After'] = String(r.resetSec);
  return h;
}

export interface HttpRefusal {
  status: number;
  headers: Record<string, string>;
  body: { errors: { message: string; extensions: Record<string, unknown> }[] };
}

/** The 429 for a refused request. */
export function rateLimitedResponse(r: RateLimitResult): HttpRefusal {
  return {
    status: 429,
    headers: rateLimitHeaders(r),
    body: {
      errors: [
        {
          message: `Too many requests: the limit is ${r.limit} per ${r.windowSec} s; retry in ${r.resetSec} s`,
          extensions: { code: 'RATE_LIMITED', retryAfterSec: r.resetSec, limit: r.limit, remaining: 0 },
        },
      ],
    },
  };
}

// ------------------------------------------------------------------------------- timeouts

export class RequestTimeoutError extends Error {
  readonly status = 503;
  readonly code = 'REQUEST_TIMEOUT';
  constructor(readonly ms: number) {
    super(`request timed out after ${ms} ms`);
  }
}

/** `work`, or a RequestTimeoutError after `ms`. The work itself is not cancelled. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(ms)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The 503 for a request that took longer than the timeout. */
export function timeoutResponse(cfg: Pick<ProtectionConfig, 'requestTimeoutMs'>): HttpRefusal {
  return {
    status: 503,
    headers: { 'Retry-After': '1' },
    body: {
      errors: [
        {
          message: `The request took longer than ${cfg.requestTimeoutMs} ms and was abandoned`,
          extensions: { code: 'REQUEST_TIMEOUT', timeoutMs: cfg.requestTimeoutMs },
        },
      ],
    },
  };
}

/**
 * Node's own timeouts: the whole request (headers and body) must arrive within requestTimeoutMs,
 * the headers within a quarter of it (slow-loris clients).
 */
export function applyHttpTimeouts(server: http.Server, cfg: Pick<ProtectionConfig, 'requestTimeoutMs'>): void {
  server.requestTimeout = cfg.requestTimeoutMs;
  server.headersTimeout = Math.min(cfg.requestTimeoutMs, Math.max(1000, Math.floor(cfg.requestTimeoutMs / 4)));
}
