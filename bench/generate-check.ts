/**
 * Checks the benchmark data generator against a throwaway embedded PostgreSQL (as `npm test` does):
 * generates each scale given into its own fresh, migrated database, prints counts and times, and
 * verifies foreign keys, denormalized columns, histories, enum-dependent rules and that two databases
 * generated at the same scale are identical.
 *
 *   node dist/bench/generate-check.js [scale …]      (default: 1 1 national)
 *
 * Needs the app's build (dist/src) for the embedded server and the migrations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { checkForeignKeys, generate, GenerateResult, prepareDatabase } from './generate';
import { todayInCopenhagen } from './lib/util';

interface Embedded {
  adminUrl: string;
  urlFor(db: string): string;
  stop(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const embedded = require(path.resolve(__dirname, '../src/db/embedded.js')) as {
  startEmbeddedPostgres(o: { dataDir: string; port: number; persistent?: boolean }): Promise<Embedded>;
  freePort(): Promise<number>;
};

/** Queries that must return 0 (a count of rows breaking a rule). */
const RULES: [string, string][] = [
  ['meeting.partnership_id is its forum’s', `SELECT count(*) FROM meeting m JOIN forum f ON f.id = m.forum_id WHERE m.partnership_id <> f.partnership_id`],
  ['meeting ends after it starts', `SELECT count(*) FROM meeting WHERE ends_at <= starts_at`],
  ['held meetings lie in the past, scheduled ones not', `SELECT count(*) FROM meeting WHERE (status = 'scheduled') <> (starts_at >= date_trunc('day', now() AT TIME ZONE 'Europe/Copenhagen') AT TIME ZONE 'Europe/Copenhagen')`],
  ['approved minutes have a time and an approver', `SELECT count(*) FROM meeting WHERE (minutes_status = 'approved') <> (minutes_approved_at IS NOT NULL AND minutes_approved_by_id IS NOT NULL)`],
  ['agenda_item.forum_id is its meeting’s', `SELECT count(*) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.forum_id <> m.forum_id`],
  ['agenda positions are unique per meeting', `SELECT count(*) FROM (SELECT meeting_id, position FROM agenda_item GROUP BY 1, 2 HAVING count(*) > 1) x`],
  ['agenda items of held meetings are discussed or deferred, others planned', `SELECT count(*) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE (m.status = 'held') <> (a.status <> 'planned')`],
  ['carried-over items come from a deferred item of the forum’s previous meeting', `SELECT count(*) FROM agenda_item a JOIN agenda_item o ON o.id = a.carried_over_from_id JOIN meeting ma ON ma.id = a.meeting_id JOIN meeting mo ON mo.id = o.meeting_id
      WHERE o.status <> 'deferred' OR ma.forum_id <> mo.forum_id OR mo.starts_at >= ma.starts_at
         OR EXISTS (SELECT 1 FROM meeting x WHERE x.forum_id = ma.forum_id AND x.starts_at > mo.starts_at AND x.starts_at < ma.starts_at)`],
  ['decision.meeting/forum/partnership/confidential follow its agenda item', `SELECT count(*) FROM decision d JOIN agenda_item a ON a.id = d.agenda_item_id JOIN meeting m ON m.id = a.meeting_id
      WHERE d.meeting_id <> m.id OR d.forum_id <> m.forum_id OR d.partnership_id <> m.partnership_id OR d.confidential <> a.confidential`],
  ['decisions only at held meetings, never under deferred items', `SELECT count(*) FROM decision d JOIN agenda_item a ON a.id = d.agenda_item_id JOIN meeting m ON m.id = d.meeting_id WHERE m.status <> 'held' OR a.status = 'deferred'`],
  ['a superseded decision is superseded by a later one of the same partnership', `SELECT count(*) FROM decision d WHERE (d.status = 'superseded') <> EXISTS (SELECT 1 FROM decision n WHERE n.supersedes_id = d.id)`],
  ['supersession keeps time order and partnership', `SELECT count(*) FROM decision n JOIN decision o ON o.id = n.supersedes_id WHERE n.decided_at < o.decided_at OR n.partnership_id <> o.partnership_id`],
  ['every decision starts in force', `SELECT count(*) FROM decision d WHERE NOT EXISTS (SELECT 1 FROM decision_status_change c WHERE c.decision_id = d.id AND c.from_status IS NULL AND c.to_status = 'in_force')`],
  ['a decision’s last status change is its status', `SELECT count(*) FROM decision d JOIN LATERAL (SELECT to_status FROM decision_status_change c WHERE c.decision_id = d.id ORDER BY at DESC, seq DESC LIMIT 1) c ON true WHERE c.to_status <> d.status`],
  ['decision history is in time order (seq follows at)', `SELECT count(*) FROM (SELECT at < lag(at) OVER (ORDER BY seq) AS bad FROM decision_status_change) x WHERE bad`],
  ['every decision has a responsible organisation', `SELECT count(*) FROM decision d WHERE NOT EXISTS (SELECT 1 FROM decision_responsibility r WHERE r.decision_id = d.id)`],
  ['action_item meeting/forum/partnership are consistent', `SELECT count(*) FROM action_item ai JOIN meeting m ON m.id = ai.meeting_id WHERE ai.forum_id <> m.forum_id OR ai.partnership_id <> m.partnership_id`],
  ['action items come from their origin', `SELECT count(*) FROM action_item ai LEFT JOIN decision d ON d.id = ai.decision_id LEFT JOIN agenda_item a ON a.id = ai.agenda_item_id
      WHERE CASE ai.origin
              WHEN 'decision' THEN d.id IS NULL OR ai.agenda_item_id IS DISTINCT FROM d.agenda_item_id OR ai.meeting_id <> d.meeting_id OR ai.confidential <> d.confidential
              WHEN 'agenda_item' THEN ai.decision_id IS NOT NULL OR a.id IS NULL OR ai.meeting_id <> a.meeting_id OR ai.confidential <> a.confidential
              ELSE ai.decision_id IS NOT NULL OR ai.agenda_item_id IS NOT NULL OR ai.confidential END`],
  ['action items only from held meetings', `SELECT count(*) FROM action_item ai JOIN meeting m ON m.id = ai.meeting_id WHERE m.status <> 'held' OR ai.created_at < m.starts_at`],
  ['closed_at is set exactly for done and cancelled items', `SELECT count(*) FROM action_item WHERE (closed_at IS NOT NULL) <> (status IN ('done', 'cancelled')) OR closed_at < created_at OR closed_at > now()`],
  ['an assignee person is affiliated with the assignee organisation', `SELECT count(*) FROM action_item ai WHERE ai.assignee_person_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM affiliation f WHERE f.person_id = ai.assignee_person_id AND f.organisation_id = ai.assignee_organisation_id
         AND f.starts_on <= ai.created_at::date AND (f.ends_on IS NULL OR f.ends_on >= ai.created_at::date))`],
  ['every action item has one creation event, first', `SELECT count(*) FROM action_item ai JOIN LATERAL (SELECT kind, at FROM action_item_event e WHERE e.action_item_id = ai.id ORDER BY at, seq LIMIT 1) e ON true
      WHERE e.kind <> 'created' OR e.at <> ai.created_at OR (SELECT count(*) FROM action_item_event e WHERE e.action_item_id = ai.id AND e.kind = 'created') <> 1`],
  ['an action item’s last event leaves it in its status', `SELECT count(*) FROM action_item ai JOIN LATERAL (SELECT to_status FROM action_item_event e WHERE e.action_item_id = ai.id ORDER BY at DESC, seq DESC LIMIT 1) e ON true WHERE e.to_status <> ai.status`],
  ['action item events chain (each from_status is the previous to_status)', `SELECT count(*) FROM (SELECT from_status, lag(to_status) OVER (PARTITION BY action_item_id ORDER BY at, seq) AS prev, kind FROM action_item_event) x
      WHERE kind <> 'created' AND from_status IS DISTINCT FROM prev`],
  ['open work by organisation holds each open item under its assignee and every ancestor, nothing else', `SELECT count(*) FROM (
      (WITH RECURSIVE anc(org, ancestor) AS (SELECT id, id FROM organisation UNION ALL SELECT anc.org, o.parent_id FROM anc JOIN organisation o ON o.id = anc.ancestor WHERE o.parent_id IS NOT NULL)
       SELECT anc.ancestor, ai.id, ai.due_date, ai.partnership_id, ai.forum_id, ai.assignee_organisation_id FROM action_item ai JOIN anc ON anc.org = ai.assignee_organisation_id
        WHERE ai.status IN ('open', 'in_progress', 'blocked')
       EXCEPT ALL SELECT organisation_id, id, due_date, partnership_id, forum_id, assignee_organisation_id FROM action_item_open_by_ancestor)
      UNION ALL
      (SELECT organisation_id, id, due_date, partnership_id, forum_id, assignee_organisation_id FROM action_item_open_by_ancestor
       EXCEPT ALL
       (WITH RECURSIVE anc(org, ancestor) AS (SELECT id, id FROM organisation UNION ALL SELECT anc.org, o.parent_id FROM anc JOIN organisation o ON o.id = anc.ancestor WHERE o.parent_id IS NOT NULL)
        SELECT anc.ancestor, ai.id, ai.due_date, ai.partnership_id, ai.forum_id, ai.assignee_organisation_id FROM action_item ai JOIN anc ON anc.org = ai.assignee_organisation_id
         WHERE ai.status IN ('open', 'in_progress', 'blocked'))) ) x`],
  ['action item version counts its changes', `SELECT count(*) FROM action_item ai WHERE ai.version <> (SELECT count(*) FROM action_item_event e WHERE e.action_item_id = ai.id)`],
  ['a forum seat’s person is affiliated with the organisation', `SELECT count(*) FROM forum_member fm WHERE NOT EXISTS (SELECT 1 FROM affiliation f WHERE f.person_id = fm.person_id AND f.organisation_id = fm.organisation_id
      AND f.starts_on <= fm.starts_on AND (f.ends_on IS NULL OR (fm.ends_on IS NOT NULL AND f.ends_on >= fm.ends_on)))`],
  ['attendance only at held meetings, by seated people', `SELECT count(*) FROM attendance t JOIN meeting m ON m.id = t.meeting_id WHERE m.status <> 'held' OR NOT EXISTS (
      SELECT 1 FROM forum_member fm WHERE fm.forum_id = m.forum_id AND fm.person_id = t.person_id AND fm.organisation_id = t.organisation_id)`],
  ['the coordinator is COORDINATOR in every partnership', `SELECT (SELECT count(*) FROM partnership) - count(DISTINCT partnership_id) FROM partnership_access WHERE person_id = $coordinator AND role = 'coordinator'`],
  ['the administrator is ADMIN in every partnership', `SELECT (SELECT count(*) FROM partnership) - count(DISTINCT partnership_id) FROM partnership_access WHERE person_id = $admin AND role = 'admin'`],
  ['organisations form a tree (no cycles)', `WITH RECURSIVE up(id, anc, depth) AS (SELECT id, parent_id, 1 FROM organisation WHERE parent_id IS NOT NULL
      UNION ALL SELECT up.id, o.parent_id, depth + 1 FROM up JOIN organisation o ON o.id = up.anc WHERE o.parent_id IS NOT NULL AND depth < 20)
      SELECT count(*) FROM up WHERE depth >= 20 OR anc = id`],
];

const HASHED = ['organisation', 'person', 'forum', 'meeting', 'agenda_item', 'decision', 'action_item', 'action_item_event'];

async function main(): Promise<void> {
  const scales = process.argv.slice(2).length ? process.argv.slice(2) : ['1', '1', 'national'];
  const today = todayInCopenhagen();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-bench-gen-'));
  fs.chmodSync(tmp, 0o755);
  const server = await embedded.startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await embedded.freePort(), persistent: false });
  const fingerprints = new Map<string, Record<string, string>>();
  let failures = 0;
  const fail = (m: string) => {
    failures++;
    console.log(`  FAIL ${m}`);
  };
  try {
    for (const [i, scaleArg] of scales.entries()) {
      const db = `bench_${scaleArg}_${i}`;
      const url = server.urlFor(db);
      console.log(`\n== scale ${scaleArg} into ${db}`);
      await prepareDatabase(url);
      const scale = scaleArg === '1' || scaleArg === 'national' ? scaleArg : Number(scaleArg);
      const result: GenerateResult = await generate(url, scale, { log: (m) => console.log(m), today });
      console.log(`generated in ${result.seconds} s`);
      console.log(JSON.stringify({ counts: result.counts, sample: result.sample, stats: result.stats }, null, 2));

      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const n = async (sql: string) => Number(Object.values((await c.query(sql)).rows[0])[0]);
        const meetings = result.counts.meeting;
        const joined = await n(`SELECT count(*) FROM meeting m JOIN forum f ON f.id = m.forum_id`);
        console.log(`meeting JOIN forum: ${joined} of ${meetings}`);
        if (joined !== meetings) fail('meeting JOIN forum count differs from the meeting count');
        await checkForeignKeys(c).then(() => console.log('  ok   every foreign key holds'), (e: Error) => fail(e.message));
        for (const [what, sql] of RULES) {
          const q = sql.replace('$coordinator', `'${result.sample.coordinatorPersonId}'`).replace('$admin', `'${result.sample.adminPersonId}'`);
          const started = Date.now();
          const bad = await n(q);
          if (bad) fail(`${what}: ${bad}`);
          else console.log(`  ok   ${what} (${Date.now() - started} ms)`);
        }
        for (const [key, expected] of Object.entries({
          forumId: 'forum',
          bigForumId: 'forum',
          organisationId: 'organisation',
          bigOrganisationId: 'organisation',
          coordinatorPersonId: 'person',
          adminPersonId: 'person',
          partnershipId: 'partnership',
        })) {
          const id = (result.sample as unknown as Record<string, string>)[key];
          if ((await n(`SELECT count(*) FROM ${expected} WHERE id = '${id}'`)) !== 1) fail(`sample.${key} ${id} is not a ${expected}`);
        }
        const fp: Record<string, string> = {};
        for (const t of HASHED) fp[t] = (await c.query(`SELECT md5(string_agg(id::text, ',' ORDER BY id)) AS h FROM ${t}`)).rows[0].h;
        console.log('fingerprints', JSON.stringify(fp));
        const prev = fingerprints.get(scaleArg);
        if (prev) {
          const differ = HASHED.filter((t) => prev[t] !== fp[t]);
          if (differ.length) fail(`scale ${scaleArg} generated twice differs in ${differ.join(', ')}`);
          else console.log(`  ok   scale ${scaleArg} generated twice: identical ids in ${HASHED.join(', ')}`);
        } else fingerprints.set(scaleArg, fp);
        const size = (await c.query(`SELECT pg_database_size(current_database()) AS b, pg_size_pretty(pg_database_size(current_database())) AS p`)).rows[0];
        console.log(`database size: ${size.p} (${size.b} bytes)`);
        const big = (
          await c.query(
            `SELECT relname, pg_size_pretty(pg_total_relation_size(c.oid)) AS total, pg_size_pretty(pg_relation_size(c.oid)) AS heap
               FROM pg_class c WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 8`,
          )
        ).rows;
        console.log(big.map((r) => `  ${r.relname}: ${r.total} (heap ${r.heap})`).join('\n'));
      } finally {
        await c.end();
      }
    }
  } finally {
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failures ? `\n${failures} check(s) failed` : '\nall checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
