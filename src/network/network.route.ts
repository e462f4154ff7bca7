/**
 * GET /network/<partnershipId>.graphml (or .json) [?asOf=YYYY-MM-DD]: the network map's graph as a file,
 * for Gephi and other tools, with the same authentication and read rules as the GraphQL field. The
 * plumbing (credentials, errors as JSON with the API's codes, no caching) is the document routes'
 * (src/http/documents.ts).
 */
import http from 'node:http';
import { DataSource } from 'typeorm';
import { Principal } from '../auth/principal';
import type { HttpRoute } from '../server';
import { contentDisposition, handleDocument, sendDocument, sendError } from '../http/documents';
import { buildNetwork, graphJson, graphml } from './network.service';

const PATH = /^\/network\/([0-9a-fA-F-]{36})\.(graphml|json)$/;

export function networkGraphRoute(dataSource: DataSource, authenticate: (headers: http.IncomingHttpHeaders) => Promise<Principal>, timeZone = 'Europe/Copenhagen'): HttpRoute {
  const opts = { dataSource, authenticate, timeZone };
  return {
    name: 'network-graph',
    matches: (url) => url.pathname.startsWith('/network/'),
    handle(req, res, url) {
      const m = PATH.exec(url.pathname);
      if (!m) return sendError(res, 404, 'NOT_FOUND', 'Not found: GET /network/<partnershipId>.graphml or .json');
      return handleDocument(req, res, opts, async (ctx) => {
        const net = await buildNetwork(ctx, m[1].toLowerCase(), url.searchParams.get('asOf'));
        const name = `network-${net.partnershipId}-${net.asOf}.${m[2]}`;
        const [type, body] = m[2] === 'graphml' ? ['application/graphml+xml; charset=utf-8', graphml(net)] : ['application/json; charset=utf-8', JSON.stringify(graphJson(net))];
        sendDocument(res, body, type, contentDisposition('attachment', name));
      });
    },
  };
}
