/**
 * The HTTP server: Apollo Server 5 on Node's http module. Each request gets a fresh context
 * (loaders, request id). Errors are mapped to stable codes in one place (formatError).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError, getOperationAST, parse } from 'graphql';
import { Idempotency, requestHash, validKey } from './http/idempotency';
import { ArgumentValidationError, AuthorizationError } from 'type-graphql';
import { DataSource, QueryFailedError } from 'typeorm';
import { Ctx, createContext, RequestInfo } from './context';
import { ANONYMOUS, Principal, principalKey } from './auth/principal';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import {
  applyHttpTimeouts,
  armorPlugins,
  loadProtectionConfig,
  ProtectionConfig,
  RateLimiter,
  rateLimitedResponse,
  rateLimitHeaders,
  rateLimitKey,
  RequestTimeoutError,
  timeoutResponse,
  withTimeout,
} from './http/protection';
import { DomainError } from './common/errors';
import { flushConfidentialReads } from './auth/confidential';
import { nulGuardPlugin } from './http/nul-guard';
import { schema } from './schema';
import { JitOptions, jitGateway } from './http/jit';
import { createLogger, Logger, logFn, silentLogger } from './ops/logger';
import { Metrics } from './ops/metrics';
import { opsRoutes } from './ops/health';
import { DATABASE_UNAVAILABLE, databaseUnavailableBody, isDatabaseUnavailable } from './ops/db-errors';
import { attachSubscriptions } from './live/ws';
import { listenForCountChanges } from './common/count-cache';

const MAX_BODY_BYTES = 1_000_000;

export interface ServerOptions {
  dataSource: DataSource;
  /** Who is asking: from the Authorization / X-Api-Key headers. Throws UNAUTHENTICATED for bad credentials. */
  authenticate?: (headers: http.IncomingHttpHeaders) => Promise<Principal>;
  timeZone?: string;
  production?: boolean;
  /** Query limits, rate limit and timeout; from the environment by default (src/http/protection.ts). */
  protection?: ProtectionConfig;
  log?: (msg: string, extra?: unknown) => void;
  /** Structured logger (pino); each request logs through a child carrying its request id. Default: createLogger(). */
  logger?: Logger;
  /** How long a shutdown waits for requests in flight before closing their connections (default SHUTDOWN_GRACE_MS or 10 s). */
  shutdownGraceMs?: number;
  /** Further HTTP endpoints beside /graphql (exports, feeds, health); the first whose `matches` is true answers. */
  routes?: HttpRoute[];
  /** GraphQL subscriptions over WebSocket (graphql-ws) on /graphql; on unless false (src/live/ws.ts). */
  subscriptions?: boolean;
  /** Compiled execution (src/http/jit.ts); from the environment (JIT, JIT_THRESHOLD, JIT_CACHE_MAX) by default. */
  jit?: JitOptions;
}

/** An HTTP endpoint beside /graphql. Modules build their routes (src/<module>/*.route.ts) and main.ts passes them in. */
export interface HttpRoute {
  name: string;
  matches(url: URL, req: http.IncomingMessage): boolean;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> | void;
}

interface ValidationNode {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationNode[];
}

/** class-validator's tree of errors as dotted field paths (`entries.1.status`) with their reasons. */
function flattenValidation(nodes: ValidationNode[], prefix = ''): { field: string; reasons: string[] }[] {
  return nodes.flatMap((n) => {
    const field = prefix ? `${prefix}.${n.property}` : n.property;
    const own = n.constraints ? [{ field, reasons: Object.values(n.constraints) }] : [];
    return [...own, ...flattenValidation(n.children ?? [], field)];
  });
}

/** Map any error to what a client may see: known codes pass, the rest is masked. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (m: string, e?: unknown) => void): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError) {
    const fields = flattenValidation(original.extensions.validationErrors as ValidationNode[]);
    const first = fields[0] ?? { field: 'input', reasons: ['is invalid'] };
    return {
      message: `${first.field}: ${first.reasons[0]}`,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', field: first.field, reason: first.reasons[0], fields },
    };
  }
  if (original instanceof AuthorizationError) {
    return { message: 'Not allowed: your role does not permit this', path: formatted.path, extensions: { code: 'FORBIDDEN' } };
  }
  const code = formatted.extensions?.code;
  if (code === DATABASE_UNAVAILABLE || isDatabaseUnavailable(original)) {
    // Not the client's fault nor a bug: HTTP 503 (set by the plugin in createApollo), retry shortly.
    return { message: databaseUnavailableBody.errors[0].message, path: formatted.path, extensions: { code: DATABASE_UNAVAILABLE } };
  }
  if (original instanceof QueryFailedError) {
    const pgCode = (original as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
    if (pgCode === '40001' || pgCode === '40P01' || pgCode === '23505') {
      return { message: 'The record changed concurrently; retry', path: formatted.path, extensions: { code: 'CONFLICT' } };
    }
    // Data exceptions (a value PostgreSQL cannot store: out of range, too long, bad encoding) are
    // the input's fault; the services check what they know of, this catches the rest without SQL text.
    if (typeof pgCode === 'string' && pgCode.startsWith('22')) {
      return {
        message: 'input: a value is out of range or cannot be stored',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', field: 'input', reason: 'a value is out of range or cannot be stored' },
      };
    }
  }
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions };
  }
  log('internal error', original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export async function createApollo(opts: ServerOptions, httpServer?: http.Server): Promise<ApolloServer<Ctx>> {
  const log = opts.log ?? logFn(opts.logger ?? createLogger());
  /** Unexpected errors are logged with the request's logger (its request id) when the request has one. */
  const logFor = (ctx: Ctx | undefined) => ctx?.request?.log ?? log;
  const protection = opts.protection ?? loadProtectionConfig(opts.production ?? false);
  const armor = armorPlugins(protection);
  const apollo = new ApolloServer<Ctx>({
    // Executed by graphql-jit, compiled per document (src/http/jit.ts).
    gateway: jitGateway(await schema(), opts.jit).gateway,
    // In production introspection is refused by a validation rule (armor.validationRules), with a clear code.
    introspection: true,
    parseOptions: armor.parseOptions,
    validationRules: armor.validationRules,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // main.ts handles SIGINT/SIGTERM (bounded drain, workers, pool); Apollo's own handler would stop
    // the server a second time and re-raise the signal.
    stopOnTerminationSignals: false,
    // Logged in didEncounterErrors below, where the request (and its id) is known.
    formatError: (f, e) => formatError(f, e, () => undefined),
    plugins: [
      // Cache hints would wrap every field resolver; this API sends no cache headers.
      ApolloServerPluginCacheControlDisabled(),
      ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownGraceMs(opts) })] : []),
      ...armor.plugins,
      nulGuardPlugin(),
      {
        // Reads of confidential content are logged before the response leaves.
        async requestDidStart() {
          return {
            async didResolveOperation({ contextValue, operation }) {
              if (contextValue.request && operation) {
                contextValue.request.operation = operation.name?.value ?? null;
                contextValue.request.type = operation.operation;
              }
            },
            async didEncounterErrors({ contextValue, errors }) {
              for (const e of errors) formatError(e.toJSON(), e, logFor(contextValue));
            },
            async willSendResponse({ contextValue, response }) {
              await flushConfidentialReads(contextValue);
              if (response.body.kind !== 'single') return;
              const errors = response.body.singleResult.errors;
              if (!errors) return;
              for (const e of errors) contextValue.request?.errorCodes.push(String(e.extensions?.code ?? 'UNKNOWN'));
              if (errors.some((e) => e.extensions?.code === DATABASE_UNAVAILABLE)) {
                response.http.status = 503;
                response.http.headers.set('retry-after', '1');
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  return apollo;
}

class TooLarge extends Error {
  status = 413;
}

/**
 * Read the body up to MAX_BODY_BYTES. A declared or actual larger body is refused once the client has
 * sent all of it: the rest is read and thrown away, so that the 413 reaches a client still uploading
 * (answering earlier and closing the connection resets it, and the client sees a failed request
 * instead of the 413). Past a hard cap the connection is dropped.
 */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    let size = 0;
    let refused = declared > MAX_BODY_BYTES;
    const chunks: Buffer[] = [];
    const tooLarge = () => new TooLarge('request body too large');
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (!refused && size > MAX_BODY_BYTES) {
        refused = true;
        chunks.length = 0;
      }
      if (!refused) chunks.push(c);
      else if (size > 20 * MAX_BODY_BYTES) {
        reject(tooLarge());
        req.destroy();
      }
    });
    req.on('end', () => (refused ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', (e) => reject(refused ? tooLarge() : e));
  });
}

/** Is the request a GraphQL mutation? (Unparseable documents are left to Apollo to refuse.) */
function isMutation(body: unknown): boolean {
  const b = body as { query?: unknown; operationName?: unknown } | undefined;
  if (!b || typeof b.query !== 'string') return false;
  try {
    const op = getOperationAST(parse(b.query, { maxTokens: 5_000 }), typeof b.operationName === 'string' ? b.operationName : undefined);
    return op?.operation === 'mutation';
  } catch {
    return false;
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  metrics: Metrics;
  /**
   * Graceful stop: /readyz answers 503 at once, no new connections are accepted, requests in flight
   * get up to the shutdown grace period to finish, then remaining connections are closed.
   */
  stop(): Promise<void>;
}

const OPS_PATHS = new Set(['/healthz', '/health', '/readyz', '/metrics']);

function shutdownGraceMs(opts: ServerOptions): number {
  return opts.shutdownGraceMs ?? Number(process.env.SHUTDOWN_GRACE_MS || 10_000);
}

export async function startServer(opts: ServerOptions & { port: number; host?: string }): Promise<RunningServer> {
  const protection = opts.protection ?? loadProtectionConfig(opts.production ?? false);
  // Tests pass a `log` callback and want no log lines; processes get JSON logs (or pretty on a terminal).
  const logger = opts.logger ?? (opts.log ? silentLogger : createLogger());
  const log = opts.log ?? logFn(logger);
  const metrics = new Metrics(opts.dataSource);
  let stopping = false;
  const ops = opsRoutes({ dataSource: opts.dataSource, metrics, isStopping: () => stopping });
  const httpServer = http.createServer();
  applyHttpTimeouts(httpServer, protection);
  const apollo = await createApollo({ ...opts, protection, logger }, httpServer);
  const live =
    opts.subscriptions === false
      ? null
      : attachSubscriptions(httpServer, {
          schema: await schema(),
          dataSource: opts.dataSource,
          authenticate: opts.authenticate,
          timeZone: opts.timeZone,
          validationRules: armorPlugins(protection).validationRules,
          formatError: (e) => formatError(e.toJSON(), e, log) as never,
          log,
        });
  // Budgets are kept in PostgreSQL so several server processes share them.
  const idempotency = new Idempotency(opts.dataSource);
  // Counts kept between requests until the record changes, while a connection listens for changes.
  const stopCountCache = await listenForCountChanges(opts.dataSource, logFn(logger, 'warn'));
  const limiter = new RateLimiter(protection, (opts.dataSource.driver as PostgresDriver).master);
  httpServer.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // While stopping, keep-alive connections are closed after their current response.
    if (stopping) res.setHeader('connection', 'close');
    if (OPS_PATHS.has(url.pathname)) {
      try {
        await ops.handle(req, res, url);
      } catch (e) {
        log(`${url.pathname} failed`, e);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal server error' });
      }
      return;
    }
    const route = opts.routes?.find((r) => r.matches(url, req));
    if (route) {
      try {
        return await route.handle(req, res, url);
      } catch (e) {
        if (isDatabaseUnavailable(e)) {
          res.setHeader('retry-after', '1');
          return res.headersSent ? void res.end() : sendJson(res, 503, databaseUnavailableBody);
        }
        log(`route ${route.name} failed`, e);
        if (!res.headersSent) return sendJson(res, 500, { error: 'internal server error' });
        return void res.end();
      }
    }
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found; the API is at /graphql' });
    const started = process.hrtime.bigint();
    const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
    res.setHeader('x-request-id', requestId);
    const reqLogger = logger.child({ reqId: requestId });
    const info: RequestInfo = { log: opts.log ?? logFn(reqLogger), operation: null, type: null, errorCodes: [] };
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = metrics.operationLabel(info.operation);
      metrics.request(operation, info.type ?? 'none', res.statusCode, seconds);
      for (const code of info.errorCodes) metrics.error(code);
      reqLogger.info(
        { method: req.method, op: info.operation ?? undefined, status: res.statusCode, ms: Math.round(seconds * 1000), codes: info.errorCodes.length ? info.errorCodes : undefined, aborted: res.writableFinished ? undefined : true },
        'request',
      );
    });
    /** An error answered before or around Apollo: its code is counted and logged like Apollo's. */
    const sendErrors = (status: number, body: { errors: { message: string; extensions: { code: string } }[] }) => {
      for (const e of body.errors) info.errorCodes.push(e.extensions.code);
      sendJson(res, status, body);
    };
    try {
      const raw = req.method === 'POST' ? await readBody(req) : '';
      let body: unknown;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendErrors(400, { errors: [{ message: 'Request body is not JSON', extensions: { code: 'BAD_REQUEST' } }] } as any);
        }
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      let principal: Principal = ANONYMOUS;
      try {
        if (opts.authenticate) principal = await opts.authenticate(req.headers);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'UNAUTHENTICATED') {
          res.setHeader('www-authenticate', 'Bearer');
          return sendErrors(401, { errors: [{ message: e.message, extensions: { code: 'UNAUTHENTICATED' } }] } as any);
        }
        throw e;
      }
      const rl = await limiter.consume(rateLimitKey(principalKey(principal), req.socket.remoteAddress));
      if (!rl.allowed) {
        const refusal = rateLimitedResponse(rl);
        for (const [k, v] of Object.entries(refusal.headers)) res.setHeader(k, v);
        return sendErrors(refusal.status, refusal.body as any);
      }
      for (const [k, v] of Object.entries(rateLimitHeaders(rl))) res.setHeader(k, v);
      // Idempotency-Key: mutations with the same key run once; retries get the stored response.
      const idemKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
      let idem: { principal: string; key: string; token: string } | null = null;
      if (idemKey !== null && isMutation(body)) {
        if (!validKey(idemKey)) {
          return sendErrors(400, { errors: [{ message: 'Idempotency-Key must be 1 to 200 visible ASCII characters', extensions: { code: 'BAD_REQUEST' } }] } as any);
        }
        if (principal.kind === 'anonymous') {
          return sendErrors(401, { errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }] } as any);
        }
        const who = principalKey(principal);
        const begun = await idempotency.begin(who, idemKey, requestHash(body));
        if (begun.kind === 'replay') {
          res.setHeader('idempotent-replayed', 'true');
          res.setHeader('x-request-id', requestId);
          res.writeHead(begun.status, { 'content-type': 'application/json; charset=utf-8' });
          return res.end(begun.body);
        }
        if (begun.kind === 'refuse') {
          return sendErrors(begun.status, { errors: [{ message: begun.message, extensions: { code: begun.code } }] } as any);
        }
        idem = { principal: who, key: idemKey, token: begun.token };
      }
      let response;
      let requestCtx: Ctx | null = null;
      try {
        response = await withTimeout(apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
          context: async () => {
            const ctx = createContext(opts.dataSource, { principal, requestId, timeZone: opts.timeZone });
            ctx.request = info;
            requestCtx = ctx;
            if (idem) {
              const { principal: who, key, token } = idem;
              ctx.onMutationCommit = (manager) => idempotency.markCommitted(manager, who, key, token);
            }
            return ctx;
          },
        }), protection.requestTimeoutMs);
      } catch (e) {
        if (idem) await idempotency.finish(idem.principal, idem.key, idem.token, 500, '').catch(() => undefined);
        throw e;
      }
      for (const [k, v] of response.headers) res.setHeader(k, v);
      res.setHeader('x-request-id', requestId);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        if (idem) {
          // A response with a secret (a new API key) is not kept: a replay says so instead of repeating it.
          const stored = (requestCtx as Ctx | null)?.response.hasSecret
            ? JSON.stringify({
                errors: [
                  {
                    message: 'The request was executed; its response held a secret and is not stored. Revoke the key and create a new one if it was lost.',
                    extensions: { code: 'IDEMPOTENT_RESPONSE_WITHHELD' },
                  },
                ],
              })
            : response.body.string;
          await idempotency.finish(idem.principal, idem.key, idem.token, res.statusCode, stored);
        }
        return res.end(response.body.string);
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      if (e instanceof RequestTimeoutError) {
        const t = timeoutResponse(protection);
        for (const [k, v] of Object.entries(t.headers)) res.setHeader(k, v);
        return res.headersSent ? res.end() : sendErrors(t.status, t.body as any);
      }
      if (isDatabaseUnavailable(e)) {
        if (res.headersSent) return void res.end();
        res.setHeader('retry-after', '1');
        return sendErrors(503, databaseUnavailableBody);
      }
      const status = (e as { status?: number }).status ?? 500;
      if (status === 500) info.log('request failed', e);
      if (status === 413) res.setHeader('connection', 'close');
      if (!res.headersSent) {
        sendErrors(status, {
          errors: [
            status === 413
              ? { message: `Request body too large (limit ${MAX_BODY_BYTES} bytes)`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }
              : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ],
        });
      }
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const address = httpServer.address() as { port: number };
  return {
    url: `http://localhost:${address.port}/graphql`,
    httpServer,
    metrics,
    async stop() {
      stopping = true;
      await live?.dispose();
      await apollo.stop();
      await stopCountCache();
    },
  };
}
