/**
 * Live updates over the graphql-ws protocol against the real server: an action item change reaches a
 * subscribed client within a second of its commit; nothing reaches a subscriber who may not read it;
 * confidential content is redacted per subscriber; unauthenticated connections are refused; a rolled
 * back change is never sent.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { Client as WsClient, createClient } from 'graphql-ws';
import { DataSource } from 'typeorm';
import { freshDatabase, TestDb } from './support/db';
import { dataSourceOptions } from '../ormconfig';
import { AuthzWorld, buildAuthzWorld, SECRET2 } from './support/actors';
import { startServer, RunningServer } from '../src/server';
import { Authenticator, loadAuthConfig } from '../src/auth/authenticate';
import { createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { actionItemService } from '../src/action-item/action-item.service';
import { ActionItemStatus } from '../src/action-item/action-item.entity';
import { agendaService } from '../src/agenda/agenda.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';

interface Sub {
  events: any[];
  errors: unknown[];
  /** Resolves with the next event (or rejects after `ms`). */
  next(ms?: number): Promise<any>;
  dispose(): void;
}

function subscribe(client: WsClient, query: string, variables: Record<string, unknown>): Sub {
  const events: any[] = [];
  const errors: unknown[] = [];
  let waiter: ((v: any) => void) | null = null;
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (v) => {
        events.push(v);
        if (waiter) {
          const w = waiter;
          waiter = null;
          w(v);
        }
      },
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  let seen = 0;
  return {
    events,
    errors,
    dispose,
    next(ms = 3000) {
      if (events.length > seen) return Promise.resolve(events[seen++]);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
        waiter = (v) => {
          clearTimeout(t);
          seen++;
          resolve(v);
        };
      });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live updates (GraphQL subscriptions over graphql-ws)', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: AuthzWorld;
  let server: RunningServer;
  let wsUrl: string;
  let auth: Authenticator;
  const clients: WsClient[] = [];
  const connect = async (personId: string | null) => {
    const token = personId ? await auth.issueDevToken(personId) : null;
    const c = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
    clients.push(c);
    return c;
  };

  before(async () => {
    db = await freshDatabase();
    w = await buildAuthzWorld(db.ds);
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-live-key-'));
    auth = new Authenticator(db.ds, loadAuthConfig({ NODE_ENV: 'test', DEV_KEY_FILE: path.join(keyDir, 'key.json') }));
    server = await startServer({ dataSource: db.ds, port: 0, host: '127.0.0.1', authenticate: (h) => auth.authenticate(h), log: () => undefined });
    wsUrl = server.url.replace('http://localhost', 'ws://127.0.0.1');
  });
  after(async () => {
    for (const c of clients) await c.dispose();
    await server?.stop();
    await db?.close();
  });

  const ORG_SUB = `subscription($org: ID!) { organisationActionItemChanged(organisationId: $org) { id title status assigneeOrganisation { name } } }`;
  const MEETING_SUB = `subscription($m: ID!) { meetingChanged(meetingId: $m) { kind op id meetingId agendaItem { title confidential } actionItem { title status } decision { text } } }`;

  it("delivers an action item change to a subscriber of the assignee organisation within a second, and nothing to one who may not read it", async () => {
    const legal = subscribe(await connect(w.people.legal1.id), ORG_SUB, { org: w.orgs.orgSSP.id });
    // member2 sits only in F2 and works for the school: the SSP's F1 items are not theirs to read.
    const outsider = subscribe(await connect(w.people.member2.id), ORG_SUB, { org: w.orgs.orgSSP.id });
    await sleep(500); // the subscriptions are registered (LISTEN is up)
    const sys = createContext(db.ds, { principal: SYSTEM });
    await actionItemService.changeStatus(sys, w.actions.aOpenLegal.id, ActionItemStatus.IN_PROGRESS, 'I gang');
    const committed = Date.now();
    const ev = await legal.next(1000);
    const latency = Date.now() - committed;
    assert.ok(latency < 1000, `received after ${latency} ms`);
    assert.deepEqual(ev.data.organisationActionItemChanged, {
      id: w.actions.aOpenLegal.id,
      title: 'Planlæg Kilimanjaro-ruten',
      status: 'IN_PROGRESS',
      assigneeOrganisation: { name: 'SSP Tingbjerg' },
    });
    await sleep(300);
    assert.deepEqual(outsider.events, [], 'no event for a subscriber without read access');
    assert.deepEqual(outsider.errors, []);
    legal.dispose();
    outsider.dispose();
  });

  it("streams a meeting's agenda and action item changes, with confidential content redacted per subscriber", async () => {
    const legal = subscribe(await connect(w.people.legal1.id), MEETING_SUB, { m: w.meetings.next1.id });
    const member = subscribe(await connect(w.people.member1.id), MEETING_SUB, { m: w.meetings.next1.id });
    await sleep(500);
    const sys = createContext(db.ds, { principal: SYSTEM });
    const item = await agendaService.add(sys, w.meetings.next1.id, { title: `Ny fortrolig sag: ${SECRET2}`, kind: AgendaItemKind.DISCUSSION, confidential: true });
    const forLegal = (await legal.next()).data.meetingChanged;
    const forMember = (await member.next()).data.meetingChanged;
    assert.equal(forLegal.kind, 'AGENDA_ITEM');
    assert.equal(forLegal.op, 'CREATED');
    assert.equal(forLegal.id, item.id);
    assert.equal(forLegal.agendaItem.title, `Ny fortrolig sag: ${SECRET2}`);
    assert.equal(forMember.agendaItem.title, '[Fortroligt]');
    assert.ok(!JSON.stringify(member.events).includes(SECRET2));
    legal.dispose();
    member.dispose();
  });

  it('refuses a subscription to a meeting the person may not read, and connections without credentials', async () => {
    const outsider = subscribe(await connect(w.people.member2.id), MEETING_SUB, { m: w.meetings.next1.id });
    await sleep(500);
    const got = [...outsider.events, ...outsider.errors];
    assert.equal(got.length, 1, JSON.stringify(got));
    assert.match(JSON.stringify(got[0]), /NOT_FOUND/);

    const anon = subscribe(await connect(null), ORG_SUB, { org: w.orgs.orgSSP.id });
    await sleep(500);
    assert.equal(anon.events.length, 0);
    assert.equal(anon.errors.length, 1);
    assert.equal((anon.errors[0] as { code?: number }).code, 4403, 'closed as Forbidden');
  });

  it('reaches subscribers of another server process (its own connection pool): NOTIFY carries changes between processes', async () => {
    const otherDs = new DataSource(dataSourceOptions(db.url));
    await otherDs.initialize();
    const other = await startServer({ dataSource: otherDs, port: 0, host: '127.0.0.1', authenticate: (h) => auth.authenticate(h), log: () => undefined });
    try {
      const token = await auth.issueDevToken(w.people.legal1.id);
      const c = createClient({ url: other.url.replace('http://localhost', 'ws://127.0.0.1'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
      clients.push(c);
      const sub = subscribe(c, ORG_SUB, { org: w.orgs.orgSSP.id });
      await sleep(500);
      // Written through the first process's pool.
      await actionItemService.changeStatus(createContext(db.ds, { principal: SYSTEM }), w.actions.aOpenLegal.id, ActionItemStatus.BLOCKED, 'Venter');
      const ev = await sub.next(1000);
      assert.equal(ev.data.organisationActionItemChanged.status, 'BLOCKED');
      sub.dispose();
      await c.dispose();
    } finally {
      await other.stop();
      await otherDs.destroy();
    }
  });

  it('never sends a change that was rolled back, and serves only subscriptions over WebSocket', async () => {
    const legal = subscribe(await connect(w.people.legal1.id), ORG_SUB, { org: w.orgs.orgSSP.id });
    await sleep(500);
    const sys = createContext(db.ds, { principal: SYSTEM });
    await assert.rejects(
      sys.manager.transaction(async (m) => {
        await m.query(`UPDATE action_item SET status = 'blocked' WHERE id = $1`, [w.actions.aOpenLegal.id]);
        throw new Error('rolled back');
      }),
    );
    await sleep(500);
    assert.equal(legal.events.length, 0);
    legal.dispose();

    const q = subscribe(await connect(w.people.legal1.id), '{ calendarFeeds { totalCount } }', {});
    await sleep(500);
    assert.match(JSON.stringify([...q.events, ...q.errors]), /Only subscriptions are served over WebSocket/);
  });
});
