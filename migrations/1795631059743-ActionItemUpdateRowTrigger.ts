import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (issue 4, writes): an action item UPDATE fires ONE row trigger that does what two did
 * before: the change-feed row (change_feed_record(), a statement trigger with transition tables) and
 * the live-update NOTIFY (notify_record_change()).
 *
 * Why a row trigger: the statement trigger cost ~1 ms of database CPU per status change (its INSERT …
 * SELECT over the transition tables is planned again on every firing), the row trigger ~0.15 ms
 * (PL/pgSQL keeps its plans). Action items are written one at a time (status changes, reassignments,
 * due dates); a statement updating many rows now inserts one change_event row per changed row, as
 * before, with one INSERT each.
 *
 * Same rows as before: op 'updated', changed_fields = the columns whose value changed (version and
 * updated_at ignored; no row when nothing else changed), data = the new row without search_vector,
 * the row's xid; the same NOTIFY payload (t, op, id, m, o with the previous assignee on a reassign),
 * sent for every updated row as before. INSERT and DELETE keep their triggers.
 */
export class ActionItemUpdateRowTrigger1795631059743 implements MigrationInterface {
  name = 'ActionItemUpdateRowTrigger1795631059743';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION action_item_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        j jsonb := to_jsonb(NEW) - 'search_vector';
        o jsonb := to_jsonb(OLD) - 'search_vector';
        changed text[];
        orgs text[] := ARRAY[NEW.assignee_organisation_id::text];
      BEGIN
        changed := ARRAY(SELECT k FROM jsonb_object_keys(j) k
                          WHERE k NOT IN ('version', 'updated_at') AND j->k IS DISTINCT FROM o->k ORDER BY k);
        IF cardinality(changed) > 0 THEN
          INSERT INTO change_event (xid, entity, entity_id, op, version, partnership_id, forum_id, confidential, changed_fields, data)
          VALUES (pg_current_xact_id()::text::bigint, 'ActionItem', NEW.id, 'updated', NEW.version, NEW.partnership_id, NEW.forum_id,
                  coalesce(NEW.confidential, false), changed, j);
        END IF;
        IF OLD.assignee_organisation_id IS DISTINCT FROM NEW.assignee_organisation_id THEN
          orgs := orgs || OLD.assignee_organisation_id::text;
        END IF;
        PERFORM pg_notify('record_change', json_build_object('t', 'action_item', 'op', 'UPDATE', 'id', NEW.id, 'm', NEW.meeting_id, 'o', orgs)::text);
        RETURN NULL;
      END
      $fn$`);
    await q.query(`DROP TRIGGER action_item_change_upd ON action_item`);
    await q.query(`DROP TRIGGER action_item_notify_change ON action_item`);
    await q.query(`CREATE TRIGGER action_item_notify_change AFTER INSERT OR DELETE ON action_item FOR EACH ROW EXECUTE FUNCTION notify_record_change()`);
    await q.query(`CREATE TRIGGER action_item_updated AFTER UPDATE ON action_item FOR EACH ROW EXECUTE FUNCTION action_item_updated()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER action_item_updated ON action_item`);
    await q.query(`DROP TRIGGER action_item_notify_change ON action_item`);
    await q.query(`CREATE TRIGGER action_item_notify_change AFTER INSERT OR UPDATE OR DELETE ON action_item FOR EACH ROW EXECUTE FUNCTION notify_record_change()`);
    await q.query(
      `CREATE TRIGGER action_item_change_upd AFTER UPDATE ON "action_item" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION change_feed_record()`,
    );
    await q.query(`DROP FUNCTION action_item_updated()`);
  }
}
