/**
 * Webhooks against a real HTTP receiver on 127.0.0.1: every event arrives at least once with a valid
 * signature; the receiver being slow, answering 500 and being down is survived with backoff until it
 * recovers; persistent failure disables the subscription with the reason, and it can be resumed and
 * redelivered by hand; secret rotation signs with both secrets; receivers reject tampered and stale
 * deliveries; two workers on two connection pools deliver each event exactly once; URLs are checked.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { world } from './support/factory';
import { dataSourceOptions } from '../ormconfig';
import { agendaService } from '../src/agenda/agenda.service';
import { decisionService } from '../src/decision/decision.service';
import { actionItemService } from '../src/action-item/action-item.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import { ActionItemStatus } from '../src/action-item/action-item.entity';
import { ApiScope } from '../src/api-key/api-key.entity';
import { WebhookEventType } from '../src/webhook/webhook.entity';
import { WebhookWorker } from '../src/webhook/webhook.worker';
import { WebhookConfig } from '../src/webhook/webhook.config';
import { verifyWebhookSignature } from '../src/webhook/verify';
import { signatureHeader } from '../src/webhook/signing';
import { isPrivateAddress, post, validateWebhookUrl } from '../src/webhook/target';

type Mode = 'ok' | '500' | 'slow';
interface Received {
  mode: Mode;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: answers by plan (then by default), can go down and come back on the same port. */
class Receiver {
  server: http.Server | null = null;
  port = 0;
  received: Received[] = [];
  plan: Mode[] = [];
  mode: Mode = 'ok';
  async start(): Promise<this> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const mode = this.plan.shift() ?? this.mode;
        this.received.push({ mode, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (mode === '500') return res.writeHead(500).end('boom');
        if (mode === 'slow') return void setTimeout(() => res.writeHead(200).end('late'), 700).unref();
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }
  async down(): Promise<void> {
    const s = this.server!;
    this.server = null;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
  get url() {
    return `http://127.0.0.1:${this.port}/hooks/partnership`;
  }
  /** Accepted deliveries. */
  get ok() {
    return this.received.filter((r) => r.mode === 'ok');
  }
}

const FAST: Partial<WebhookConfig> = { pollMs: 15, timeoutMs: 300, retryBaseMs: 40, retryMaxDelayMs: 150, retryMaxAgeMs: 30_000, concurrency: 4 };

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id url status eventTypes secrets { id prefix active } } }
}`;
const DELIVERIES = `query($id: ID!) {
  webhookDeliveries(filter: { subscriptionId: $id }, first: 100) {
    totalCount
    edges { node { id eventId eventType status attempts lastStatusCode lastError attemptLog { attempt statusCode latencyMs error success } } }
  }
}`;
const SUBSCRIPTION = 'query($id: ID!) { webhookSubscription(id: $id) { id status disabledReason disabledAt lastSuccessAt lastFailureAt } }';
const ALL_TYPES = Object.keys(WebhookEventType);

describe('webhooks', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;
  let c: Client;
  const workers: WebhookWorker[] = [];
  const receivers: Receiver[] = [];
  const pools: DataSource[] = [];

  const worker = (ds: DataSource, cfg: Partial<WebhookConfig> = {}) => {
    const wk = new WebhookWorker(ds, { ...FAST, ...cfg }, process.env.WEBHOOK_DEBUG ? (m, e) => console.error(m, e) : () => undefined);
    workers.push(wk);
    wk.start();
    return wk;
  };
  const receiver = async () => {
    const r = await new Receiver().start();
    receivers.push(r);
    return r;
  };
  const subscribe = async (url: string, eventTypes: string[] = ALL_TYPES) =>
    (await c.ok(CREATE, { input: { partnershipId: w.partnership.id, url, eventTypes, description: 'ESDH' } })).createWebhookSubscription;
  const deliveries = async (id: string) => (await c.ok(DELIVERIES, { id })).webhookDeliveries.edges.map((e: any) => e.node);
  const stopAll = async () => {
    await Promise.all(workers.splice(0).map((x) => x.stop()));
  };

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    c = await Client.create(db.ds);
  });
  afterEach(async () => {
    await stopAll();
    // Each test has its own subscription; the earlier ones must not keep receiving.
    await db.ds.query("UPDATE webhook_subscription SET status = 'disabled'");
  });
  after(async () => {
    await c.stop();
    for (const r of receivers) if (r.server) await r.down();
    for (const p of pools) await p.destroy();
    await db.close();
  });

  it('delivers every event at least once, signed, with its event id; the log records each attempt', async () => {
    const rx = await receiver();
    const sub = await subscribe(rx.url);
    assert.match(sub.secret, /^whsec_/);
    assert.equal(sub.subscription.secrets.length, 1);
    assert.equal(sub.subscription.secrets[0].active, true);
    const [{ x }] = await db.ds.query('SELECT cursor_xid::text AS x FROM webhook_subscription WHERE id = $1', [sub.subscription.id]);

    const extra = await agendaService.add(w.ctx, w.meeting.id, { title: 'Ekstra punkt', kind: AgendaItemKind.INFORMATION });
    const d = await decisionService.record(w.ctx, { agendaItemId: w.item.id, text: 'Tryghedsvandring hver fredag', kleNumber: '27.24.00' });
    const ai = await actionItemService.create(w.ctx, { title: 'Planlæg ruten', decisionId: d.id, assigneeOrganisationId: w.police.id, dueDate: '2026-08-01' });
    await actionItemService.changeStatus(w.ctx, ai.id, ActionItemStatus.IN_PROGRESS);
    await agendaService.remove(w.ctx, extra.id);
    const expected: { seq: string }[] = await db.ds.query(
      'SELECT seq::text FROM change_event WHERE partnership_id = $1 AND xid >= $2 ORDER BY xid, seq',
      [w.partnership.id, x],
    );
    assert.ok(expected.length >= 5, `${expected.length} events`);
    worker(db.ds);
    const want = new Set(expected.map((e) => `evt_${e.seq}`));
    await waitFor('every event', async () => want.size > 0 && [...want].every((id) => rx.ok.some((r) => r.headers['x-event-id'] === id)));

    for (const r of rx.ok) {
      assert.ok(verifyWebhookSignature({ body: r.body, header: r.headers['x-signature'], secrets: [sub.secret] }), 'valid signature');
      const body = JSON.parse(r.body);
      assert.equal(body.id, r.headers['x-event-id']);
      assert.equal(body.type, r.headers['x-event-type']);
      assert.equal(body.partnershipId, w.partnership.id);
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    }
    const types = rx.ok.map((r) => JSON.parse(r.body).type);
    for (const t of ['agenda_item.created', 'decision.created', 'action_item.created', 'action_item.updated', 'agenda_item.deleted']) assert.ok(types.includes(t), t);
    const tomb = rx.ok.map((r) => JSON.parse(r.body)).find((b) => b.type === 'agenda_item.deleted');
    assert.equal(tomb.object.id, extra.id);
    assert.equal(tomb.data, null);
    const status = rx.ok.map((r) => JSON.parse(r.body)).find((b) => b.type === 'action_item.updated');
    assert.deepEqual(status.changedFields, ['status']);
    assert.equal(status.data.status, 'in_progress');

    // The receiver may answer before the worker has written the result.
    const log = await waitFor('the log', async () => {
      const l = await deliveries(sub.subscription.id);
      return l.every((x: any) => x.status === 'DELIVERED') && l;
    });
    assert.equal(log.length, expected.length);
    for (const dl of log) {
      assert.equal(dl.status, 'DELIVERED');
      assert.equal(dl.attemptLog.length, 1);
      assert.equal(dl.attemptLog[0].statusCode, 204);
      assert.ok(dl.attemptLog[0].latencyMs >= 0);
    }
    const s = (await c.ok(SUBSCRIPTION, { id: sub.subscription.id })).webhookSubscription;
    assert.ok(s.lastSuccessAt);
  });

  it('survives a receiver answering 500, being slow and being down, retrying with backoff until it recovers', async () => {
    const rx = await receiver();
    const sub = await subscribe(rx.url, ['AGENDA_ITEM_CREATED']);
    rx.plan = ['500', 'slow'];
    await agendaService.add(w.ctx, w.meeting.id, { title: 'Punkt under uvejr', kind: AgendaItemKind.INFORMATION });
    worker(db.ds);
    const attempts = async () => (await deliveries(sub.subscription.id))[0]?.attemptLog ?? [];
    await waitFor('the 500 and the timeout', async () => (await attempts()).length >= 2);
    await rx.down();
    await waitFor('a refused connection', async () => (await attempts()).some((a: any) => /ECONNREFUSED/.test(a.error ?? '')));
    await rx.start();
    const [dl] = await waitFor('delivery', async () => {
      const l = await deliveries(sub.subscription.id);
      return l[0]?.status === 'DELIVERED' && l;
    });
    const log = dl.attemptLog;
    assert.equal(log[0].statusCode, 500);
    assert.equal(log[0].success, false);
    assert.equal(log[1].statusCode, null);
    assert.match(log[1].error, /timeout after 300 ms/);
    assert.ok(log[1].latencyMs >= 290, `timeout latency ${log[1].latencyMs}`);
    assert.ok(log.some((a: any) => /ECONNREFUSED/.test(a.error ?? '')));
    assert.equal(log[log.length - 1].statusCode, 204);
    assert.equal(log[log.length - 1].success, true);
    assert.equal(dl.attempts, log.length);
    // The same event every time (receivers de-duplicate by id); each accepted copy is validly signed.
    assert.equal(new Set(rx.received.map((r) => r.headers['x-event-id'])).size, 1);
    assert.ok(verifyWebhookSignature({ body: rx.ok[0].body, header: rx.ok[0].headers['x-signature'], secrets: [sub.secret] }));
  });

  it('backs off exponentially, capped, for up to the configured age (3 days by default)', () => {
    const wk = new WebhookWorker(db.ds, { retryBaseMs: 60_000, retryMaxDelayMs: 6 * 3600_000 });
    assert.equal(wk.config.retryMaxAgeMs, 3 * 24 * 3600_000);
    const delays = [1, 2, 3, 4, 10, 20].map((n) => wk.retryDelay(n));
    const near = (v: number, x: number) => v >= x * 0.9 && v <= x * 1.1;
    assert.ok(near(delays[0], 60_000) && near(delays[1], 120_000) && near(delays[2], 240_000) && near(delays[3], 480_000), String(delays));
    assert.ok(near(delays[4], 6 * 3600_000) && near(delays[5], 6 * 3600_000), 'capped');
  });

  it('disables the subscription after persistent failure with the reason; enabling and redelivery send it again', async () => {
    const rx = await receiver();
    rx.mode = '500';
    const sub = await subscribe(rx.url, ['AGENDA_ITEM_CREATED']);
    await agendaService.add(w.ctx, w.meeting.id, { title: 'Punkt til en død modtager', kind: AgendaItemKind.INFORMATION });
    worker(db.ds, { retryMaxAgeMs: 400 });
    const s = await waitFor('disabled', async () => {
      const x = (await c.ok(SUBSCRIPTION, { id: sub.subscription.id })).webhookSubscription;
      return x.status === 'DISABLED' && x;
    });
    assert.match(s.disabledReason, /^Disabled automatically: event evt_\d+ could not be delivered in \d+ attempts over .*; last attempt: HTTP 500$/);
    assert.ok(s.disabledAt && s.lastFailureAt);
    const [failed] = await deliveries(sub.subscription.id);
    assert.equal(failed.status, 'FAILED');
    assert.ok(failed.attempts >= 2 && failed.attemptLog.every((a: any) => a.statusCode === 500));

    rx.mode = 'ok';
    await c.ok('mutation($id: ID!) { enableWebhookSubscription(id: $id) { status disabledReason } }', { id: sub.subscription.id });
    const r = await c.ok('mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { id status } }', { id: failed.id });
    assert.equal(r.redeliverWebhookDelivery.status, 'PENDING');
    await waitFor('redelivered', async () => (await deliveries(sub.subscription.id))[0].status === 'DELIVERED');
    assert.equal(rx.ok.length, 1);
    assert.equal(rx.ok[0].headers['x-event-id'], failed.eventId);
    // Redelivering a delivered event sends it again, with the same event id.
    await c.ok('mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { id } }', { id: failed.id });
    await waitFor('sent again', async () => rx.ok.length === 2);
    assert.equal(rx.ok[1].headers['x-event-id'], failed.eventId);
  });

  it('rotates secrets: both sign during the grace period; a revoked one stops; the last one cannot be revoked', async () => {
    const rx = await receiver();
    const sub = await subscribe(rx.url, ['AGENDA_ITEM_CREATED']);
    const rot = (
      await c.ok('mutation($id: ID!) { rotateWebhookSecret(subscriptionId: $id, graceSeconds: 3600) { value secret { id active expiresAt } } }', { id: sub.subscription.id })
    ).rotateWebhookSecret;
    assert.notEqual(rot.value, sub.secret);
    worker(db.ds);
    await agendaService.add(w.ctx, w.meeting.id, { title: 'Under rotation', kind: AgendaItemKind.INFORMATION });
    await waitFor('first', async () => rx.ok.length === 1);
    const header = String(rx.ok[0].headers['x-signature']);
    assert.equal(header.match(/v1=/g)?.length, 2, header);
    for (const secret of [sub.secret, rot.value]) assert.ok(verifyWebhookSignature({ body: rx.ok[0].body, header, secrets: [secret] }));

    const oldId = sub.subscription.secrets[0].id;
    await c.ok('mutation($id: ID!) { revokeWebhookSecret(id: $id) { id revokedAt active } }', { id: oldId });
    await agendaService.add(w.ctx, w.meeting.id, { title: 'Efter rotation', kind: AgendaItemKind.INFORMATION });
    await waitFor('second', async () => rx.ok.length === 2);
    const after = rx.ok[1];
    assert.equal(String(after.headers['x-signature']).match(/v1=/g)?.length, 1);
    assert.ok(verifyWebhookSignature({ body: after.body, header: after.headers['x-signature'], secrets: [rot.value] }));
    assert.ok(!verifyWebhookSignature({ body: after.body, header: after.headers['x-signature'], secrets: [sub.secret] }));
    await c.fails('mutation($id: ID!) { revokeWebhookSecret(id: $id) { id } }', { id: rot.secret.id }, 'CONFLICT');
    // Secrets are stored encrypted, and never in the audit trail.
    const raw = await db.ds.query(
      `SELECT (SELECT count(*)::int FROM webhook_secret WHERE position($1 in encrypted_secret) > 0 OR position($2 in encrypted_secret) > 0) AS s,
              (SELECT count(*)::int FROM audit_entry WHERE position($1 in changes::text) > 0 OR position($2 in changes::text) > 0) AS a`,
      [sub.secret, rot.value],
    );
    assert.deepEqual(raw, [{ s: 0, a: 0 }]);
  });

  it('verifyWebhookSignature rejects tampered bodies, stale or future timestamps, wrong secrets and missing headers', () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'decision.created' });
    const now = Math.floor(Date.now() / 1000);
    const header = signatureHeader(body, ['whsec_a', 'whsec_b'], now);
    assert.ok(verifyWebhookSignature({ body, header, secrets: ['whsec_b'] }));
    assert.ok(verifyWebhookSignature({ body: Buffer.from(body), header, secrets: ['whsec_x', 'whsec_a'] }));
    assert.ok(!verifyWebhookSignature({ body: body.replace('decision', 'Decision'), header, secrets: ['whsec_a'] }), 'tampered body');
    assert.ok(!verifyWebhookSignature({ body, header: signatureHeader(body, ['whsec_a'], now - 301), secrets: ['whsec_a'] }), 'stale');
    assert.ok(!verifyWebhookSignature({ body, header: signatureHeader(body, ['whsec_a'], now + 301), secrets: ['whsec_a'] }), 'future');
    assert.ok(verifyWebhookSignature({ body, header: signatureHeader(body, ['whsec_a'], now - 200), secrets: ['whsec_a'] }), 'within tolerance');
    assert.ok(!verifyWebhookSignature({ body, header: header.replace(/^t=\d+/, `t=${now + 1}`), secrets: ['whsec_a'] }), 'timestamp swapped');
    assert.ok(!verifyWebhookSignature({ body, header, secrets: ['whsec_c'] }), 'wrong secret');
    assert.ok(!verifyWebhookSignature({ body, header: undefined, secrets: ['whsec_a'] }));
    assert.ok(!verifyWebhookSignature({ body, header: `t=${now}`, secrets: ['whsec_a'] }));
  });

  it('two workers on two connection pools deliver each event exactly once', async () => {
    const rx = await receiver();
    const sub = await subscribe(rx.url, ['AGENDA_ITEM_CREATED']);
    const ds2 = new DataSource(dataSourceOptions(db.url));
    await ds2.initialize();
    pools.push(ds2);
    worker(db.ds, { pollMs: 5 });
    worker(ds2, { pollMs: 5 });
    for (let i = 0; i < 40; i++) await agendaService.add(w.ctx, w.meeting.id, { title: `Punkt ${i}`, kind: AgendaItemKind.INFORMATION });
    await waitFor('all delivered', async () => {
      const [{ pending, total }] = await db.ds.query(
        "SELECT count(*) FILTER (WHERE status <> 'delivered')::int AS pending, count(*)::int AS total FROM webhook_delivery WHERE subscription_id = $1",
        [sub.subscription.id],
      );
      return total >= 40 && pending === 0 && rx.received.length >= total;
    });
    const [{ total }] = await db.ds.query('SELECT count(*)::int AS total FROM webhook_delivery WHERE subscription_id = $1', [sub.subscription.id]);
    assert.equal(total, 40);
    const ids = rx.received.map((r) => String(r.headers['x-event-id']));
    assert.equal(ids.length, total, 'one request per event');
    assert.equal(new Set(ids).size, ids.length, 'no event sent twice');
    const [{ attempts }] = await db.ds.query(
      'SELECT count(*)::int AS attempts FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = $1',
      [sub.subscription.id],
    );
    assert.equal(attempts, total);
  });

  it('checks URLs and who may manage subscriptions', async () => {
    await c.fails(CREATE, { input: { partnershipId: w.partnership.id, url: 'ftp://example.org/x', eventTypes: ['DECISION_CREATED'] } }, 'BAD_USER_INPUT');
    await c.fails(CREATE, { input: { partnershipId: w.partnership.id, url: 'https://user:pw@example.org/x', eventTypes: ['DECISION_CREATED'] } }, 'BAD_USER_INPUT');
    assert.throws(() => validateWebhookUrl('http://127.0.0.1:8080/x', false), /private/);
    assert.throws(() => validateWebhookUrl('http://[::1]/x', false), /private/);
    assert.throws(() => validateWebhookUrl('http://localhost/x', false), /private/);
    assert.throws(() => validateWebhookUrl('http://10.0.0.7/x', false), /private/);
    assert.equal(validateWebhookUrl('https://esdh.kommune.dk/hooks', false), 'https://esdh.kommune.dk/hooks');
    assert.equal(validateWebhookUrl('http://127.0.0.1:8080/x', true), 'http://127.0.0.1:8080/x');
    for (const a of ['10.1.2.3', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1']) assert.ok(isPrivateAddress(a), a);
    for (const a of ['8.8.8.8', '2a00:1450:4001::1', '193.163.102.1']) assert.ok(!isPrivateAddress(a), a);
    // At send time too, on the resolved address.
    const rx = await receiver();
    const r = await post(`http://localhost:${rx.port}/x`, '{}', {}, { timeoutMs: 1000, allowPrivate: false });
    assert.match(r.error ?? '', /private/);
    assert.equal(rx.received.length, 0);

    const keyClient = (scopes: ApiScope[]) => Client.create(db.ds, { principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000001', scopes, partnershipIds: [w.partnership.id] } });
    const reader = await keyClient([ApiScope.READ_CHANGES]);
    await reader.fails(CREATE, { input: { partnershipId: w.partnership.id, url: rx.url, eventTypes: ['DECISION_CREATED'] } }, 'FORBIDDEN');
    const manager = await keyClient([ApiScope.MANAGE_WEBHOOKS]);
    const created = await manager.run(CREATE, { input: { partnershipId: w.partnership.id, url: rx.url, eventTypes: ['DECISION_CREATED'] } });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const list = await manager.ok('{ webhookSubscriptions { totalCount } }');
    assert.ok(list.webhookSubscriptions.totalCount >= 1);
    const other = await Client.create(db.ds, {
      principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000002', scopes: [ApiScope.MANAGE_WEBHOOKS], partnershipIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    assert.equal((await other.ok('{ webhookSubscriptions { totalCount } }')).webhookSubscriptions.totalCount, 0, 'another partnership sees none');
    await other.fails('mutation($id: ID!) { deleteWebhookSubscription(id: $id) { id } }', { id: created.data.createWebhookSubscription.subscription.id }, 'FORBIDDEN');
    for (const x of [reader, manager, other]) await x.stop();
  });
});
