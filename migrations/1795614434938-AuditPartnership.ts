import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditPartnership1795614434938 implements MigrationInterface {
    name = 'AuditPartnership1795614434938'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "audit_entry"
            ADD "partnership_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "confidential_read"
            ADD "partnership_id" uuid NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "confidential_read"
            ADD "api_key_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_518e46227c840bb51cbbd8b90e" ON "audit_entry" ("partnership_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_518e46227c840bb51cbbd8b90e"
        `);
        await queryRunner.query(`
            ALTER TABLE "confidential_read" DROP COLUMN "api_key_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "confidential_read" DROP COLUMN "partnership_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_entry" DROP COLUMN "partnership_id"
        `);
    }

}
