/**
 * A real server (startServer) on 127.0.0.1 with development tokens for some people and extra HTTP
 * routes, for tests of the endpoints beside /graphql (documents, exports). The signing key lives in a
 * temporary directory that stop() removes.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { DataSource } from 'typeorm';
import { Authenticator, loadAuthConfig } from '../../src/auth/authenticate';
import { Principal } from '../../src/auth/principal';
import { HttpRoute, startServer } from '../../src/server';

export interface TestHttpServer {
  base: string;
  /** Development token per name given in `people`. */
  token: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestHttpServer(
  ds: DataSource,
  people: Record<string, string>,
  routes: (authenticate: (headers: http.IncomingHttpHeaders) => Promise<Principal>) => HttpRoute[],
): Promise<TestHttpServer> {
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-test-key-'));
  const auth = new Authenticator(ds, loadAuthConfig({ NODE_ENV: 'test', DEV_KEY_FILE: path.join(keyDir, 'key.json') }));
  const authenticate = (h: http.IncomingHttpHeaders) => auth.authenticate(h);
  const token: Record<string, string> = {};
  for (const [name, id] of Object.entries(people)) token[name] = await auth.issueDevToken(id);
  const server = await startServer({ dataSource: ds, port: 0, host: '127.0.0.1', log: () => undefined, authenticate, routes: routes(authenticate) });
  return {
    base: `http://127.0.0.1:${(server.httpServer.address() as net.AddressInfo).port}`,
    token,
    async stop() {
      await server.stop();
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
