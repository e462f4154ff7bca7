/**
 * The HTTP server: Apollo Server 5 on Node's http module. Each request gets a fresh context
 * (loaders, request id). Errors are mapped to stable codes in one place (formatError).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { DataSource, QueryFailedError } from 'typeorm';
import { Ctx, createContext } from './context';
import { schema } from './schema';

const MAX_BODY_BYTES = 1_000_000;

export interface ServerOptions {
  dataSource: DataSource;
  timeZone?: string;
  production?: boolean;
  log?: (msg: string, extra?: unknown) => void;
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
  const code = formatted.extensions?.code;
  if (original instanceof QueryFailedError) {
    const pgCode = (original as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
    if (pgCode === '40001' || pgCode === '40P01' || pgCode === '23505') {
      return { message: 'The record changed concurrently; retry', path: formatted.path, extensions: { code: 'CONFLICT' } };
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
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(m, e ?? ''));
  const apollo = new ApolloServer<Ctx>({
    schema: await schema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: (f, e) => formatError(f, e, log),
    plugins: httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : [],
  });
  await apollo.start();
  return apollo;
}

class TooLarge extends Error {
  status = 413;
}

/**
 * Read the body up to MAX_BODY_BYTES. A declared or actual larger body is refused; the rest of it is
 * read and thrown away (so the client sees the 413 instead of a reset), up to a hard cap.
 */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    let size = 0;
    let refused = false;
    const chunks: Buffer[] = [];
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      reject(new TooLarge('request body too large'));
    };
    if (declared > MAX_BODY_BYTES) refuse();
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (refused) {
        if (size > 20 * MAX_BODY_BYTES) req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) return refuse();
      chunks.push(c);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      if (!refused) reject(e);
    });
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  stop(): Promise<void>;
}

export async function startServer(opts: ServerOptions & { port: number; host?: string }): Promise<RunningServer> {
  const httpServer = http.createServer();
  const apollo = await createApollo(opts, httpServer);
  httpServer.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found; the API is at /graphql' });
    try {
      const raw = req.method === 'POST' ? await readBody(req) : '';
      let body: unknown;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'Request body is not JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
        context: async () => createContext(opts.dataSource, { requestId, timeZone: opts.timeZone }),
      });
      for (const [k, v] of response.headers) res.setHeader(k, v);
      res.setHeader('x-request-id', requestId);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') return res.end(response.body.string);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      if (status === 500) (opts.log ?? console.error)('request failed', e);
      if (status === 413) res.setHeader('connection', 'close');
      if (!res.headersSent) {
        sendJson(res, status, {
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
    async stop() {
      await apollo.stop();
    },
  };
}
