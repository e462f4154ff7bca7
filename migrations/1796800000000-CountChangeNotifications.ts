import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification on channel `count_change` at the commit of any statement that changes the two tables
 * counts are kept for (src/common/count-cache.ts): the open-work table `action_item_open_by_ancestor`
 * and the search documents `meeting_search`. Most of their changes come from changes to meetings,
 * agenda items, decisions and action items, which notify `record_change` already; these triggers also
 * cover what reaches them otherwise: an organisation moved under another parent, or a rebuild
 * (`action_item_open_by_ancestor_rebuild()`, `meeting_search_rebuild()`). Statement-level, so a
 * statement notifies once however many rows it changes, and PostgreSQL sends one notification per
 * channel and payload per transaction; a rolled-back transaction sends none.
 */
export class CountChangeNotifications1796800000000 implements MigrationInterface {
  name = 'CountChangeNotifications1796800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('count_change', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['action_item_open_by_ancestor', 'meeting_search']) {
      await q.query(`CREATE TRIGGER ${table}_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_count_change()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['action_item_open_by_ancestor', 'meeting_search']) await q.query(`DROP TRIGGER ${table}_count_change ON ${table}`);
    await q.query(`DROP FUNCTION notify_count_change()`);
  }
}
