import { MigrationInterface, QueryRunner } from "typeorm";

export class HistorySequence1795613386338 implements MigrationInterface {
    name = 'HistorySequence1795613386338'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bc2e67cb96a578ee8ac20c86db"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6e3aedb83b8dc4c6ec0b7c2058"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_status_change"
            ADD "seq" BIGSERIAL NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item_event"
            ADD "seq" BIGSERIAL NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5d023aa8e0a2a6838ca39ce190" ON "decision_status_change" ("decision_id", "at", "seq")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3743322df1eb75276f7556eeba" ON "action_item_event" ("action_item_id", "at", "seq")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3743322df1eb75276f7556eeba"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5d023aa8e0a2a6838ca39ce190"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item_event" DROP COLUMN "seq"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_status_change" DROP COLUMN "seq"
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6e3aedb83b8dc4c6ec0b7c2058" ON "action_item_event" USING btree ("action_item_id", "at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bc2e67cb96a578ee8ac20c86db" ON "decision_status_change" USING btree ("at", "decision_id", "id")
        `);
    }

}
