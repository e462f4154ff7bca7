/**
 * Decisions for municipal case systems: found by case number and by KLE subject/group, each with what
 * a case system journals (partnership, forum, meeting, date, text, status, the whole supersession
 * chain, responsible organisations, case references); the case reference written back by the case
 * system's key (audited, in the change feed); KLE format checked; the prefix query can use its index.
 */
import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { world } from './support/factory';
import { decisionService } from '../src/decision/decision.service';
import { agendaService } from '../src/agenda/agenda.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import { ApiScope } from '../src/api-key/api-key.entity';

const QUERY = `query($filter: DecisionFilter) {
  decisions(first: 50, filter: $filter) {
    totalCount
    edges { node {
      id text decidedAt status caseNumber kleNumber reviewDate version
      partnership { name } forum { name } meeting { title startsAt }
      responsibleOrganisations { edges { node { name } } }
      supersedes { id } supersededBy { id }
      supersessionChain { id status }
    } }
  }
}`;

describe('decisions for case systems', function () {
  this.timeout(30_000);
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;
  let c: Client;
  const ids: Record<string, string> = {};

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    c = await Client.create(db.ds);
    const d1 = await decisionService.record(w.ctx, { agendaItemId: w.item.id, text: 'Tryghedsvandring hver fredag', caseNumber: '2026-0042', kleNumber: '27.24.00', responsibleOrganisationIds: [w.police.id, w.dept.id] });
    const d2 = await decisionService.supersede(w.ctx, d1.id, { agendaItemId: w.item.id, text: 'Tryghedsvandring hver torsdag', caseNumber: '2026-0042', kleNumber: '27.24.00', responsibleOrganisationIds: [w.police.id] });
    const d3 = await decisionService.supersede(w.ctx, d2.id, { agendaItemId: w.item.id, text: 'Tryghedsvandring hver anden torsdag', caseNumber: '2026-0042', kleNumber: '27.24.00' });
    const item2 = await agendaService.add(w.ctx, w.meeting.id, { title: 'Fritidsjob', kind: AgendaItemKind.DECISION });
    const d4 = await decisionService.record(w.ctx, { agendaItemId: item2.id, text: 'Fritidsjob til 20 unge', kleNumber: '27.12.00', caseNumber: '2026-0107' });
    const d5 = await decisionService.record(w.ctx, { agendaItemId: item2.id, text: 'Skolesamarbejde', kleNumber: '15.20.00' });
    Object.assign(ids, { d1: d1.id, d2: d2.id, d3: d3.id, d4: d4.id, d5: d5.id });
  });
  after(async () => {
    await c.stop();
    await db.close();
  });

  it('finds the decisions of a case with everything a case system journals, including the whole supersession chain', async () => {
    const r = await c.ok(QUERY, { filter: { caseNumber: '2026-0042' } });
    assert.equal(r.decisions.totalCount, 3);
    const byId = new Map(r.decisions.edges.map((e: any) => [e.node.id, e.node]));
    const d1: any = byId.get(ids.d1);
    const d3: any = byId.get(ids.d3);
    assert.equal(d1.status, 'SUPERSEDED');
    assert.equal(d3.status, 'IN_FORCE');
    for (const d of [d1, d3]) {
      assert.deepEqual(d.supersessionChain.map((x: any) => x.id), [ids.d1, ids.d2, ids.d3], 'the same chain, oldest first, from any member');
      assert.equal(d.partnership.name, 'Tryghedspartnerskabet');
      assert.equal(d.forum.name, 'Koordinationsgruppen');
      assert.ok(d.meeting.title);
      assert.equal(d.caseNumber, '2026-0042');
      assert.equal(d.kleNumber, '27.24.00');
      assert.ok(d.decidedAt);
    }
    assert.deepEqual(d1.responsibleOrganisations.edges.map((e: any) => e.node.name).sort(), ['Københavns Politi', 'Socialforvaltningen']);
    assert.equal(d1.supersededBy.id, ids.d2);
    assert.equal(d3.supersedes.id, ids.d2);
    const single = await c.ok(QUERY, { filter: { caseNumber: '2026-0107' } });
    assert.deepEqual(single.decisions.edges[0].node.supersessionChain.map((x: any) => x.id), [ids.d4]);
  });

  it('finds decisions by KLE subject (exact) or group / main group (every subject under it)', async () => {
    const find = async (kleNumber: string) => (await c.ok(QUERY, { filter: { kleNumber } })).decisions.edges.map((e: any) => e.node.id).sort();
    assert.deepEqual(await find('27.24.00'), [ids.d1, ids.d2, ids.d3].sort());
    assert.deepEqual(await find('27.24'), [ids.d1, ids.d2, ids.d3].sort());
    assert.deepEqual(await find('27'), [ids.d1, ids.d2, ids.d3, ids.d4].sort());
    assert.deepEqual(await find('15'), [ids.d5]);
    assert.deepEqual(await find(' 27.12.00 '), [ids.d4]);
    const in_force = await c.ok(QUERY, { filter: { kleNumber: '27', status: ['IN_FORCE'] } });
    assert.equal(in_force.decisions.totalCount, 2);
    for (const bad of ['2', '27.2', '27.24.0', 'abc', '27.24.00.00']) {
      const e = await c.fails(QUERY, { filter: { kleNumber: bad } }, 'BAD_USER_INPUT');
      assert.equal(e.extensions?.field, 'filter.kleNumber');
    }
    // A decision's own KLE number is a subject NN.NN.NN.
    const e = await c.fails(
      'mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }',
      { input: { agendaItemId: w.item.id, text: 'x', kleNumber: '27.24' } },
      'BAD_USER_INPUT',
    );
    assert.equal(e.extensions?.field, 'kleNumber');
  });

  it('the case and KLE queries can use their indexes', async () => {
    const plan = async (where: string) => {
      const qr = db.ds.createQueryRunner();
      try {
        await qr.query('SET enable_seqscan = off');
        const rows: { 'QUERY PLAN': string }[] = await qr.query(`EXPLAIN SELECT id FROM decision d WHERE ${where} ORDER BY decided_at DESC, id DESC LIMIT 21`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await qr.query('RESET enable_seqscan');
        await qr.release();
      }
    };
    assert.match(await plan("d.kle_number LIKE '27.24.%'"), /decision_kle_prefix_idx/);
    assert.match(await plan("d.case_number = '2026-0042'"), /Index.*case_number|IDX_/);
  });

  it('a case system writes its case reference back with an API key (audited, in the change feed)', async () => {
    const key = (scopes: ApiScope[]) =>
      Client.create(db.ds, { principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-0000000000aa', scopes, partnershipIds: [w.partnership.id] } });
    const SET = 'mutation($id: ID!, $caseNumber: String, $kleNumber: String) { setDecisionCaseReference(id: $id, caseNumber: $caseNumber, kleNumber: $kleNumber) { id caseNumber kleNumber version } }';
    const reader = await key([ApiScope.READ_DECISIONS]);
    await reader.fails(SET, { id: ids.d5, caseNumber: '15.20.00-A00-1-26' }, 'FORBIDDEN');
    const esdh = await key([ApiScope.WRITE_CASE_REFERENCES, ApiScope.READ_DECISIONS]);
    const [{ before }] = await db.ds.query("SELECT coalesce(max(seq), 0)::text AS before FROM change_event");
    const r = await esdh.ok(SET, { id: ids.d5, caseNumber: '15.20.00-A00-1-26' });
    assert.deepEqual([r.setDecisionCaseReference.caseNumber, r.setDecisionCaseReference.kleNumber], ['15.20.00-A00-1-26', '15.20.00']);
    const e = await esdh.fails(SET, { id: ids.d5, kleNumber: '15.20' }, 'BAD_USER_INPUT');
    assert.equal(e.extensions?.field, 'kleNumber');
    const [audit] = await db.ds.query("SELECT actor_api_key_id, changes FROM audit_entry WHERE action = 'setDecisionCaseReference'");
    assert.equal(audit.actor_api_key_id, '00000000-0000-4000-8000-0000000000aa');
    assert.deepEqual(audit.changes[0].after, { caseNumber: '15.20.00-A00-1-26' });
    const changes = await db.ds.query('SELECT entity, op, changed_fields FROM change_event WHERE seq > $1', [before]);
    assert.deepEqual(changes, [{ entity: 'Decision', op: 'updated', changed_fields: ['case_number'] }]);
    const found = await c.ok(QUERY, { filter: { caseNumber: '15.20.00-A00-1-26' } });
    assert.deepEqual(found.decisions.edges.map((x: any) => x.node.id), [ids.d5]);
    for (const x of [reader, esdh]) await x.stop();
  });
});
