/**
 * Data-subject rights (GDPR Art. 15 and 17): export everything the record holds about a person,
 * and erase a person while the organisations' responsibilities, decisions and history stay intact.
 */
import { Ctx, inTransaction } from '../context';
import { ConflictError } from '../common/errors';
import { requireFound, requireText } from '../common/validate';
import { Permission } from '../auth/access';
import { REDACTED } from '../auth/confidential';
import { Person } from '../person/person.entity';
import { recordChange } from './audit';

const ERASED_NAME = 'Slettet person';
const PERSONAL_FIELDS = ['name', 'title', 'email', 'phone', 'subject'];

export const privacyService = {
  /**
   * Everything about a person, as JSON: the person, affiliations, seats, roles, attendance, action
   * items assigned, what they did (histories, amendments, audit rows), confidential items concerning
   * them and who read those, and the confidential items they read. Confidential texts are shown only
   * where the requesting administrator may read them.
   */
  async exportPerson(ctx: Ctx, personId: string): Promise<Record<string, unknown>> {
    await ctx.access.require(Permission.ADMINISTER, null, 'exporting personal data');
    const person = await requireFound(ctx.manager, Person, personId, 'personId');
    const legal = await ctx.access.confidentialForums();
    // The record part of the export covers the partnerships the administrator administers.
    const admin = await ctx.access.adminPartnerships();
    const m = ctx.manager;
    const q = (sql: string, params: unknown[] = [personId]) =>
      admin === null || !sql.includes('$ADMIN')
        ? m.query(sql, params)
        : m.query(sql.replace(/\$ADMIN/g, `= ANY($${params.length + 1}::uuid[])`), [...params, admin]);
    const inAdmin = (col: string) => (admin === null ? 'true' : `${col} $ADMIN`);
    // A confidential text is shown when the reader has a legal basis in its forum.
    const shown = (col: string, alias: string) =>
      legal === null ? col : `CASE WHEN ${alias}.confidential AND NOT (${alias}.forum_id = ANY($2::uuid[])) THEN '${REDACTED}' ELSE ${col} END`;
    const lp = [personId, legal ?? []];
    const [affiliations, seats, roles, attendance, actionItems, actionEvents, decisionChanges, amendments, auditAsActor, auditAbout, concerning, readsOfConcerning, readsByThem] =
      await Promise.all([
        q(`SELECT a.id, o.name AS organisation, a.role, a.is_contact, a.starts_on, a.ends_on FROM affiliation a JOIN organisation o ON o.id = a.organisation_id WHERE a.person_id = $1 ORDER BY a.starts_on`),
        q(`SELECT fm.id, f.name AS forum, o.name AS organisation, fm.role, fm.legal_basis, fm.starts_on, fm.ends_on FROM forum_member fm JOIN forum f ON f.id = fm.forum_id JOIN organisation o ON o.id = fm.organisation_id WHERE fm.person_id = $1 AND ${inAdmin('f.partnership_id')} ORDER BY fm.starts_on`),
        q(`SELECT pa.id, p.name AS partnership, pa.role FROM partnership_access pa JOIN partnership p ON p.id = pa.partnership_id WHERE pa.person_id = $1 AND ${inAdmin('pa.partnership_id')}`),
        q(`SELECT at.id, m.title AS meeting, m.starts_at, at.status FROM attendance at JOIN meeting m ON m.id = at.meeting_id WHERE at.person_id = $1 AND ${inAdmin('m.partnership_id')} ORDER BY m.starts_at`),
        q(`SELECT ai.id, ${shown('ai.title', 'ai')} AS title, ai.status, ai.due_date FROM action_item ai WHERE ai.assignee_person_id = $1 AND ${inAdmin('ai.partnership_id')} ORDER BY ai.due_date`, lp),
        q(`SELECT e.id, e.action_item_id, e.at, e.kind, e.to_status, ${shown('e.comment', 'ai')} AS comment
             FROM action_item_event e JOIN action_item ai ON ai.id = e.action_item_id WHERE e.actor_id = $1 AND ${inAdmin('ai.partnership_id')} ORDER BY e.at`, lp),
        q(`SELECT h.id, h.decision_id, h.at, h.to_status, ${shown('h.comment', 'd')} AS comment
             FROM decision_status_change h JOIN decision d ON d.id = h.decision_id WHERE h.actor_id = $1 AND ${inAdmin('d.partnership_id')} ORDER BY h.at`, lp),
        q(`SELECT x.id, x.meeting_id, x.created_at, x.target, x.reason FROM minutes_amendment x JOIN meeting m ON m.id = x.meeting_id WHERE x.author_id = $1 AND ${inAdmin('m.partnership_id')} ORDER BY x.created_at`),
        q(`SELECT id, at, action, entity, entity_id, request_id FROM audit_entry WHERE actor_person_id = $1 AND (partnership_id IS NULL OR ${inAdmin('partnership_id')}) ORDER BY seq`),
        q(`SELECT id, at, action, entity, entity_id, actor_person_id, actor_api_key_id FROM audit_entry
            WHERE ((entity = 'Person' AND entity_id = $1) OR changes @> jsonb_build_array(jsonb_build_object('entity', 'Person', 'id', $1::text)))
              AND (partnership_id IS NULL OR ${inAdmin('partnership_id')}) ORDER BY seq`),
        q(`SELECT a.id, ${shown('a.title', 'a')} AS title, a.confidential, m.title AS meeting, m.starts_at
             FROM agenda_item_subject s JOIN agenda_item a ON a.id = s.agenda_item_id JOIN meeting m ON m.id = a.meeting_id
            WHERE s.person_id = $1 AND ${inAdmin('m.partnership_id')} ORDER BY m.starts_at`, lp),
        q(`SELECT r.agenda_item_id, r.at, r.person_id AS reader_id, pe.name AS reader, r.api_key_id, r.request_id
             FROM confidential_read r JOIN agenda_item_subject s ON s.agenda_item_id = r.agenda_item_id
             LEFT JOIN person pe ON pe.id = r.person_id WHERE s.person_id = $1 AND ${inAdmin('r.partnership_id')} ORDER BY r.at`),
        q(`SELECT agenda_item_id, at, request_id FROM confidential_read WHERE person_id = $1 AND ${inAdmin('partnership_id')} ORDER BY at`),
      ]);
    // Confidential content shown in the export counts as read.
    if (legal !== null && legal.length) {
      const revealed: { id: string }[] = await q(
        `SELECT a.id FROM agenda_item a WHERE a.confidential AND a.forum_id = ANY($2::uuid[]) AND (
            a.id IN (SELECT agenda_item_id FROM agenda_item_subject WHERE person_id = $1)
         OR a.id IN (SELECT agenda_item_id FROM action_item WHERE assignee_person_id = $1 AND confidential)
         OR a.id IN (SELECT ai.agenda_item_id FROM action_item_event e JOIN action_item ai ON ai.id = e.action_item_id WHERE e.actor_id = $1 AND ai.confidential)
         OR a.id IN (SELECT d.agenda_item_id FROM decision_status_change h JOIN decision d ON d.id = h.decision_id WHERE h.actor_id = $1 AND d.confidential))
           AND ${inAdmin('(SELECT partnership_id FROM forum WHERE id = a.forum_id)')}`,
        lp,
      );
      for (const r of revealed) ctx.confidentialReads.add(r.id);
    }
    return {
      exportedAt: ctx.now().toISOString(),
      person: { id: person.id, name: person.name, title: person.title, email: person.email, phone: person.phone, erasedAt: person.erasedAt },
      affiliations,
      forumSeats: seats,
      partnershipRoles: roles,
      attendance,
      actionItemsAssigned: actionItems,
      actionItemChangesMade: actionEvents,
      decisionChangesMade: decisionChanges,
      minutesAmendmentsMade: amendments,
      auditEntriesAsActor: auditAsActor,
      auditEntriesAboutPerson: auditAbout,
      agendaItemsConcerningPerson: concerning,
      readsOfConfidentialItemsConcerningPerson: readsOfConcerning,
      confidentialItemsReadByPerson: readsByThem,
    };
  },

  /**
   * Erase a person: name, title, e-mail, phone and login are anonymised (also inside earlier audit
   * rows); affiliations, seats, assignments, decisions and histories stay, so every organisation's
   * responsibilities remain intact. The erasure itself is audited, without the erased values.
   */
  async erasePerson(ctx: Ctx, personId: string, reason: string): Promise<Person> {
    return inTransaction(ctx, async (tx) => {
      await tx.access.require(Permission.ADMINISTER, null, 'erasing a person');
      const why = requireText('reason', reason, 2000);
      const person = await requireFound(tx.manager, Person, personId, 'id', { lock: true });
      // Erasure reaches every partnership the person took part in: the caller must administer them all.
      const theirs: { partnership_id: string }[] = await tx.manager.query(
        `SELECT partnership_id FROM partnership_access WHERE person_id = $1
         UNION SELECT f.partnership_id FROM forum_member fm JOIN forum f ON f.id = fm.forum_id WHERE fm.person_id = $1
         UNION SELECT partnership_id FROM action_item WHERE assignee_person_id = $1
         UNION SELECT m.partnership_id FROM attendance at JOIN meeting m ON m.id = at.meeting_id WHERE at.person_id = $1`,
        [personId],
      );
      for (const t of theirs) await tx.access.require(Permission.ADMINISTER, t.partnership_id, 'erasing a person who took part in this partnership');
      if (person.erasedAt) throw new ConflictError(`Person ${personId} was already erased`, { erasedAt: person.erasedAt });
      const rows: Person[] = await tx.manager.query(
        `UPDATE person SET name = $2, title = NULL, email = NULL, phone = NULL, subject = NULL, erased_at = $3,
                version = version + 1, updated_at = now() WHERE id = $1 RETURNING id`,
        [personId, ERASED_NAME, tx.now()],
      );
      void rows;
      // Earlier audit rows hold the person's fields as they were; scrub them.
      await tx.manager.query(
        `UPDATE audit_entry SET changes = (
           SELECT jsonb_agg(CASE WHEN c->>'entity' = 'Person' AND c->>'id' = $1
             THEN jsonb_set(jsonb_set(c,
                    '{before}', CASE WHEN jsonb_typeof(c->'before') = 'object' THEN (c->'before') - $2::text[] ELSE COALESCE(c->'before', 'null') END),
                    '{after}', CASE WHEN jsonb_typeof(c->'after') = 'object' THEN (c->'after') - $2::text[] ELSE COALESCE(c->'after', 'null') END)
             ELSE c END) FROM jsonb_array_elements(changes) c)
         WHERE changes @> jsonb_build_array(jsonb_build_object('entity', 'Person', 'id', $1::text))`,
        [personId, PERSONAL_FIELDS],
      );
      recordChange({
        entity: 'Person',
        id: personId,
        op: 'update',
        before: { erased: false },
        after: { erased: true, erasedFields: PERSONAL_FIELDS, reason: why },
      });
      return (await tx.manager.findOneByOrFail(Person, { id: personId }));
    });
  },
};
