import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written triggers:
 * - notify_record_change(): pg_notify('record_change', {t, op, id, m, o}) for every committed change to
 *   meeting, agenda_item, decision and action_item (live updates, src/live/events.ts). NOTIFY is
 *   transactional: delivered on commit only, to every listening server process.
 * - queue_minutes_distribution(): approving minutes queues their e-mail distribution in the same
 *   transaction (src/mail/mail.worker.ts sends them).
 */
export class LiveUpdatesAndMinutesMail1795622085907 implements MigrationInterface {
  name = 'LiveUpdatesAndMinutesMail1795622085907';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record;
        mid uuid;
        orgs text[] := '{}';
      BEGIN
        IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
        IF TG_TABLE_NAME = 'meeting' THEN mid := r.id; ELSE mid := r.meeting_id; END IF;
        IF TG_TABLE_NAME = 'action_item' THEN
          orgs := ARRAY[r.assignee_organisation_id::text];
          IF TG_OP = 'UPDATE' AND OLD.assignee_organisation_id IS DISTINCT FROM NEW.assignee_organisation_id THEN
            orgs := orgs || OLD.assignee_organisation_id::text;
          END IF;
        END IF;
        PERFORM pg_notify('record_change', json_build_object('t', TG_TABLE_NAME, 'op', TG_OP, 'id', r.id, 'm', mid, 'o', orgs)::text);
        RETURN NULL;
      END $$`);
    for (const t of ['meeting', 'agenda_item', 'decision', 'action_item']) {
      await q.query(`CREATE TRIGGER ${t}_notify_change AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION notify_record_change()`);
    }
    await q.query(`
      CREATE FUNCTION queue_minutes_distribution() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.minutes_status = 'approved' AND OLD.minutes_status IS DISTINCT FROM 'approved' THEN
          INSERT INTO meeting_distribution (meeting_id, kind, requested_at, requested_by_id, status)
          VALUES (NEW.id, 'minutes', coalesce(NEW.minutes_approved_at, now()), NEW.minutes_approved_by_id, 'pending');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER meeting_minutes_distribution AFTER UPDATE OF minutes_status ON meeting FOR EACH ROW EXECUTE FUNCTION queue_minutes_distribution()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER meeting_minutes_distribution ON meeting`);
    await q.query(`DROP FUNCTION queue_minutes_distribution()`);
    for (const t of ['meeting', 'agenda_item', 'decision', 'action_item']) await q.query(`DROP TRIGGER ${t}_notify_change ON ${t}`);
    await q.query(`DROP FUNCTION notify_record_change()`);
  }
}
