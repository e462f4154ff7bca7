import { MigrationInterface, QueryRunner } from "typeorm";

export class OparlPublic1795621727608 implements MigrationInterface {
    name = 'OparlPublic1795621727608'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "partnership"
            ADD "oparl_public" boolean NOT NULL DEFAULT false
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "partnership" DROP COLUMN "oparl_public"
        `);
    }

}
