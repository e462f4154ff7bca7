import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One hierarchy: every meeting, agenda item, decision and action item carries its parent's forum, and
 * the forum's partnership, as the services have always copied them. Composite foreign keys make the
 * database hold it, so a nested list's rows provably share their parent row's forum and partnership
 * and a read guard implied by the parent's can be left out (src/auth/scope.ts impliedByParent). The
 * unique keys on (id, forum_id) and (id, partnership_id) exist for the foreign keys to reference.
 */
export class SameForum1796252300144 implements MigrationInterface {
    name = 'SameForum1796252300144'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "forum"
            ADD CONSTRAINT "forum_id_partnership" UNIQUE ("id", "partnership_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD CONSTRAINT "meeting_id_forum" UNIQUE ("id", "forum_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "agenda_item_id_forum" UNIQUE ("id", "forum_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "decision_id_forum" UNIQUE ("id", "forum_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD CONSTRAINT "meeting_forum_partnership" FOREIGN KEY ("forum_id", "partnership_id") REFERENCES "forum"("id", "partnership_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "agenda_item_meeting_forum" FOREIGN KEY ("meeting_id", "forum_id") REFERENCES "meeting"("id", "forum_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "decision_agenda_item_forum" FOREIGN KEY ("agenda_item_id", "forum_id") REFERENCES "agenda_item"("id", "forum_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "decision_meeting_forum" FOREIGN KEY ("meeting_id", "forum_id") REFERENCES "meeting"("id", "forum_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "decision_forum_partnership" FOREIGN KEY ("forum_id", "partnership_id") REFERENCES "forum"("id", "partnership_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "action_item_decision_forum" FOREIGN KEY ("decision_id", "forum_id") REFERENCES "decision"("id", "forum_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "action_item_agenda_item_forum" FOREIGN KEY ("agenda_item_id", "forum_id") REFERENCES "agenda_item"("id", "forum_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "action_item_meeting_forum" FOREIGN KEY ("meeting_id", "forum_id") REFERENCES "meeting"("id", "forum_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "action_item_forum_partnership" FOREIGN KEY ("forum_id", "partnership_id") REFERENCES "forum"("id", "partnership_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "action_item_forum_partnership"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "action_item_meeting_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "action_item_agenda_item_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "action_item_decision_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "decision_forum_partnership"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "decision_meeting_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "decision_agenda_item_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "agenda_item_meeting_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP CONSTRAINT "meeting_forum_partnership"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "decision_id_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "agenda_item_id_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP CONSTRAINT "meeting_id_forum"
        `);
        await queryRunner.query(`
            ALTER TABLE "forum" DROP CONSTRAINT "forum_id_partnership"
        `);
    }

}
