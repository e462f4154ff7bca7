/**
 * GET /network/<partnershipId>.graphml (or .json) [?asOf=YYYY-MM-DD]: the network map's graph as a file,
 * for Gephi and other tools, with the same authentication and read rules as the GraphQL field.
 */
import http from 'node:http';
import { DataSource } from 'typeorm';
import { createContext } from '../context';
import { DomainError } from '../common/errors';
import { Principal } from '../auth/principal';
import type { HttpRoute } from '../server';
import { buildNetwork, graphJson, graphml } from './network.service';

const PATH = /^\/network\/([0-9a-fA-F-]{36})\.(graphml|json)$/;
const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

export function networkGraphRoute(dataSource: DataSource, authenticate: (headers: http.IncomingHttpHeaders) => Promise<Principal>, timeZone = 'Europe/Copenhagen'): HttpRoute {
  return {
    name: 'network-graph',
    matches: (url) => url.pathname.startsWith('/network/'),
    async handle(req, res, url) {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const m = PATH.exec(url.pathname);
      if (req.method !== 'GET' || !m) return send(404, { error: 'not found: GET /network/<partnershipId>.graphml or .json' });
      try {
        const principal = await authenticate(req.headers);
        const ctx = createContext(dataSource, { principal, timeZone });
        const net = await buildNetwork(ctx, m[1].toLowerCase(), url.searchParams.get('asOf'));
        const name = `network-${net.partnershipId}-${net.asOf}.${m[2]}`;
        const [type, body] = m[2] === 'graphml' ? ['application/graphml+xml; charset=utf-8', graphml(net)] : ['application/json; charset=utf-8', JSON.stringify(graphJson(net))];
        res.writeHead(200, { 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'private, no-store' });
        res.end(body);
      } catch (e) {
        if (e instanceof DomainError) {
          const code = e.code;
          return send(STATUS[code] ?? 400, { error: e.message, code, ...(e.extensions.field ? { field: e.extensions.field } : {}) });
        }
        throw e;
      }
    },
  };
}
