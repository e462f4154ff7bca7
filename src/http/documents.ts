/**
 * Shared plumbing of the document endpoints beside /graphql (minutes, spreadsheets): who is asking
 * (the same Authorization / X-Api-Key credentials as the API), a request context for them, and
 * errors as JSON with the API's codes. Documents may hold confidential content, so nothing is cached.
 */
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Ctx, createContext } from '../context';
import { DomainError } from '../common/errors';
import { Principal } from '../auth/principal';
import { flushConfidentialReads } from '../auth/confidential';
import { QueryError, queryErrorOf } from '../common/internal-query';

export interface DocumentRouteOptions {
  dataSource: DataSource;
  /** From the Authorization / X-Api-Key headers (src/auth/authenticate.ts); throws UNAUTHENTICATED for a bad credential. */
  authenticate: (headers: http.IncomingHttpHeaders) => Promise<Principal>;
  timeZone?: string;
  log?: (msg: string, extra?: unknown) => void;
}

export function sendError(res: http.ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  if (status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code, message, ...extra } }));
}

/** The request's context, or null after answering 401 (no or bad credentials). */
export async function documentContext(req: http.IncomingMessage, res: http.ServerResponse, opts: DocumentRouteOptions): Promise<Ctx | null> {
  let principal: Principal;
  try {
    principal = await opts.authenticate(req.headers);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'UNAUTHENTICATED') {
      sendError(res, 401, 'UNAUTHENTICATED', e.message);
      return null;
    }
    throw e;
  }
  if (principal.kind === 'anonymous') {
    sendError(res, 401, 'UNAUTHENTICATED', 'Authentication required: send "Authorization: Bearer <token>" or an API key');
    return null;
  }
  const header = req.headers['x-request-id'];
  const requestId = (typeof header === 'string' && header.slice(0, 100)) || randomUUID();
  res.setHeader('x-request-id', requestId);
  return createContext(opts.dataSource, { principal, requestId, timeZone: opts.timeZone });
}

/** The client closed the connection while a document was being streamed to it. */
export class ResponseClosed extends Error {
  constructor() {
    super('the response was closed before the document was sent');
  }
}

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/æ/g, 'ae').replace(/Æ/g, 'Ae').replace(/ø/g, 'oe').replace(/Ø/g, 'Oe').replace(/å/g, 'aa').replace(/Å/g, 'Aa')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Send a finished document: not cached anywhere (it may hold confidential content), not sniffed. */
export function sendDocument(
  res: http.ServerResponse,
  body: string | Buffer,
  contentType: string,
  disposition: string,
  extraHeaders: Record<string, string> = {},
): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(200, { ...documentHeaders(contentType, disposition), 'content-length': String(buf.length), ...extraHeaders });
  res.end(buf);
}

/** A document's headers: not cached anywhere (it may hold confidential content), not sniffed. */
export function documentHeaders(contentType: string, disposition: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-disposition': disposition,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
}

/**
 * Run a document handler for an authenticated request: domain and query errors become JSON errors
 * with their HTTP status; confidential reads are logged whatever happens.
 */
export async function handleDocument(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  opts: DocumentRouteOptions,
  produce: (ctx: Ctx) => Promise<void>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET');
  }
  const ctx = await documentContext(req, res, opts);
  if (!ctx) return;
  try {
    await produce(ctx);
  } catch (e) {
    if (res.headersSent) {
      // A streamed document failed (or its reader left) after its first bytes: the status is sent, so
      // the connection is cut, and the client sees a transfer that did not finish, never a whole file.
      res.destroy();
      if (!(e instanceof ResponseClosed)) (opts.log ?? console.error)('document failed while being sent', e);
      return;
    }
    const q: QueryError | null = queryErrorOf(e);
    if (!q || q.status === 500) throw e;
    const { field, reason } = q.extensions as { field?: string; reason?: string };
    return sendError(res, q.status, q.code, q.message, { ...(field ? { field } : {}), ...(reason ? { reason } : {}) });
  } finally {
    await flushConfidentialReads(ctx).catch((e) => (opts.log ?? console.error)('could not log confidential reads', e));
  }
}
