/**
 * GraphQL-over-HTTP conformance: every server audit of the `graphql-http` package, against the real
 * server (with a coordinator's token). Every MUST passes; SHOULD and MAY results are reported.
 */
import { serverAudits } from 'graphql-http';
import { expect, Scenario } from '../scenario';
import { buildWorld, freshDb, spawnServer } from '../support';

export const conformance: Scenario = {
  name: 'GraphQL over HTTP conformance (graphql-http audits)',
  budgetMs: 60_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 1, meetings: 0, actionItems: 0 });
    const server = await spawnServer(db, env.keyFile);
    try {
      const token = w.coordinators[0].token;
      const fetchFn = (input: any, init: any = {}) => {
        const headers = new Headers(init.headers ?? {});
        headers.set('authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      };
      const audits = serverAudits({ url: server.url, fetchFn });
      const counts: Record<string, { ok: number; notOk: number }> = {};
      const notes: string[] = [];
      for (const audit of audits) {
        const r = await audit.fn();
        const c = (counts[audit.name.split(' ')[0]] ??= { ok: 0, notOk: 0 });
        if (r.status === 'ok') c.ok++;
        else {
          c.notOk++;
          const line = `${audit.id} ${audit.name}: ${r.status} — ${r.reason}`;
          if (audit.name.startsWith('MUST')) expect(report, false, line);
          else notes.push(line);
        }
      }
      report.load = `${audits.length} audit requests, 1 server process`;
      report.inputs = Object.entries(counts).map(([k, v]) => `${k}: ${v.ok} ok, ${v.notOk} not ok`).join('; ');
      for (const n of notes) report.notes.push(n);
    } finally {
      await server.kill('SIGKILL');
      await db.close();
    }
  },
};
