import { MigrationInterface, QueryRunner } from "typeorm";

export class AccessAuditConfidentiality1795613854373 implements MigrationInterface {
    name = 'AccessAuditConfidentiality1795613854373'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."access_role" AS ENUM('admin', 'coordinator', 'member', 'observer')
        `);
        await queryRunner.query(`
            CREATE TABLE "partnership_access" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "partnership_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "role" "public"."access_role" NOT NULL,
                CONSTRAINT "PK_620b90eb88cf52d0f5a87c68c39" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_029b0b7445dc3db98a047b1ec1" ON "partnership_access" ("person_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_4243142f0caa16265e6eb52bb5" ON "partnership_access" ("partnership_id", "person_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "api_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "name" character varying NOT NULL,
                "prefix" character varying(32) NOT NULL,
                "secret_hash" character varying(64) NOT NULL,
                "scopes" text array NOT NULL,
                "partnership_ids" uuid array NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_c4f6ccad30c0862eb54af9fb0a" ON "api_key" ("prefix")
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_entry" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "seq" BIGSERIAL NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_person_id" uuid,
                "actor_api_key_id" uuid,
                "request_id" character varying(100) NOT NULL,
                "action" character varying(100) NOT NULL,
                "entity" character varying(100) NOT NULL,
                "entity_id" uuid,
                "changes" jsonb NOT NULL,
                CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9d18bd4a32fc0cd8ff82b12037" ON "audit_entry" ("at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e3f6d990ef5fd23628bdedc6a9" ON "audit_entry" ("actor_api_key_id", "at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5ca994171b61ac3c21efb34b59" ON "audit_entry" ("actor_person_id", "at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_95df7588af18a0f5b97327fe19" ON "audit_entry" ("entity", "entity_id", "at")
        `);
        await queryRunner.query(`
            CREATE TABLE "confidential_read" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "person_id" uuid,
                "agenda_item_id" uuid NOT NULL,
                "request_id" character varying(100) NOT NULL,
                CONSTRAINT "PK_dec2793f14c5ffe239674194b56" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a8786250d8b5a5766e5a650a7f" ON "confidential_read" ("person_id", "at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e9a7b3c90a03d35bf17650afe4" ON "confidential_read" ("agenda_item_id", "at")
        `);
        await queryRunner.query(`
            CREATE TABLE "idempotency_key" (
                "principal" character varying(200) NOT NULL,
                "key" character varying(200) NOT NULL,
                "request_hash" character varying(64) NOT NULL,
                "state" character varying(20) NOT NULL,
                "status" integer,
                "response" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_58f453824c55154128cad7e4a60" PRIMARY KEY ("principal", "key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_72d9c713a563e6e92176fe0e44" ON "idempotency_key" ("created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "agenda_item_subject" (
                "agenda_item_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                CONSTRAINT "PK_686de95ec9b1e27839cd6278306" PRIMARY KEY ("agenda_item_id", "person_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d8dd961c226b617954c95dacf4" ON "agenda_item_subject" ("person_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "person"
            ADD "subject" character varying(300)
        `);
        await queryRunner.query(`
            ALTER TABLE "person"
            ADD "erased_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD "confidential" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD "confidential" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_9ef9dc4cbdebf5905bb6dfc79a" ON "person" ("subject")
            WHERE "subject" IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "partnership_access"
            ADD CONSTRAINT "FK_c7063096ea4d1c1d70d6ac1618e" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "partnership_access"
            ADD CONSTRAINT "FK_029b0b7445dc3db98a047b1ec1c" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key"
            ADD CONSTRAINT "FK_1799b360b8b068fa98feb7bef75" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item_subject"
            ADD CONSTRAINT "FK_5c438d6367c0aab9f3245708aea" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item_subject"
            ADD CONSTRAINT "FK_d8dd961c226b617954c95dacf43" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "agenda_item_subject" DROP CONSTRAINT "FK_d8dd961c226b617954c95dacf43"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item_subject" DROP CONSTRAINT "FK_5c438d6367c0aab9f3245708aea"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key" DROP CONSTRAINT "FK_1799b360b8b068fa98feb7bef75"
        `);
        await queryRunner.query(`
            ALTER TABLE "partnership_access" DROP CONSTRAINT "FK_029b0b7445dc3db98a047b1ec1c"
        `);
        await queryRunner.query(`
            ALTER TABLE "partnership_access" DROP CONSTRAINT "FK_c7063096ea4d1c1d70d6ac1618e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9ef9dc4cbdebf5905bb6dfc79a"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP COLUMN "confidential"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP COLUMN "confidential"
        `);
        await queryRunner.query(`
            ALTER TABLE "person" DROP COLUMN "erased_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "person" DROP COLUMN "subject"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d8dd961c226b617954c95dacf4"
        `);
        await queryRunner.query(`
            DROP TABLE "agenda_item_subject"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_72d9c713a563e6e92176fe0e44"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e9a7b3c90a03d35bf17650afe4"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a8786250d8b5a5766e5a650a7f"
        `);
        await queryRunner.query(`
            DROP TABLE "confidential_read"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_95df7588af18a0f5b97327fe19"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5ca994171b61ac3c21efb34b59"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e3f6d990ef5fd23628bdedc6a9"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9d18bd4a32fc0cd8ff82b12037"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_entry"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c4f6ccad30c0862eb54af9fb0a"
        `);
        await queryRunner.query(`
            DROP TABLE "api_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4243142f0caa16265e6eb52bb5"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_029b0b7445dc3db98a047b1ec1"
        `);
        await queryRunner.query(`
            DROP TABLE "partnership_access"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."access_role"
        `);
    }

}
