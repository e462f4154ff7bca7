import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (TypeORM cannot declare INCLUDE): open action items per assignee organisation in due
 * order. An organisation's responsibility page and its overdue list read only open work, which is a
 * small share of a large organisation's ten years of action items; with the partnership included, the
 * page's read scope is checked in the index and counts are index-only.
 */
export class OpenActionItemsByAssignee1795623048658 implements MigrationInterface {
  name = 'OpenActionItemsByAssignee1795623048658';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX action_item_open_by_assignee ON action_item (assignee_organisation_id, due_date, id) INCLUDE (partnership_id)
       WHERE status IN ('open', 'in_progress', 'blocked')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX action_item_open_by_assignee`);
  }
}
