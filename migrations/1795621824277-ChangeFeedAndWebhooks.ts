import { MigrationInterface, QueryRunner } from "typeorm";

export class ChangeFeedAndWebhooks1795621824277 implements MigrationInterface {
    name = 'ChangeFeedAndWebhooks1795621824277'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a648e6b6c9eaad90acb465a37e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bb5cc0c234224d7f0b87db93e2"
        `);
        await queryRunner.query(`
            CREATE TABLE "change_event" (
                "seq" BIGSERIAL NOT NULL,
                "xid" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "entity" character varying(32) NOT NULL,
                "entity_id" uuid NOT NULL,
                "op" character varying(8) NOT NULL,
                "version" integer,
                "partnership_id" uuid NOT NULL,
                "forum_id" uuid,
                "confidential" boolean NOT NULL DEFAULT false,
                "changed_fields" text array,
                "data" jsonb,
                CONSTRAINT "PK_5bc9e39578d4b29addc565aa112" PRIMARY KEY ("seq")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_990e41e9cd5a11394199ef2a4c" ON "change_event" ("partnership_id", "xid", "seq")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_deac8a14eb2f63cb451f34d477" ON "change_event" ("xid", "seq")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."webhook_status" AS ENUM('active', 'disabled')
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_subscription" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "partnership_id" uuid NOT NULL,
                "url" character varying(2000) NOT NULL,
                "description" character varying(500) NOT NULL DEFAULT '',
                "event_types" text array NOT NULL,
                "status" "public"."webhook_status" NOT NULL DEFAULT 'active',
                "disabled_reason" text,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "cursor_xid" bigint NOT NULL DEFAULT '0',
                "cursor_seq" bigint NOT NULL DEFAULT '0',
                "last_success_at" TIMESTAMP WITH TIME ZONE,
                "last_failure_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                "created_by_api_key_id" uuid,
                CONSTRAINT "PK_b52cb4811c5ada4f42896c37ba8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c3b9fcb5ccd3963c83fee24beb" ON "webhook_subscription" ("partnership_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_secret" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "subscription_id" uuid NOT NULL,
                "prefix" character varying(32) NOT NULL,
                "encrypted_secret" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5846dcede2111cca14b94f259eb" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4ab74643eaac8c24c2b5a67dd0" ON "webhook_secret" ("subscription_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'delivered', 'failed')
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_delivery" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "subscription_id" uuid NOT NULL,
                "change_seq" bigint NOT NULL,
                "event_type" character varying(40) NOT NULL,
                "status" "public"."webhook_delivery_status" NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "retrying_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "claim_token" uuid,
                "last_status_code" integer,
                "last_error" text,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery" ("next_attempt_at")
            WHERE status = 'pending'
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3c0935b535aba0ccf8431afeee" ON "webhook_delivery" ("subscription_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_acbfa35e63683df23b3d42cad6" ON "webhook_delivery" ("subscription_id", "change_seq")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_attempt" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "delivery_id" uuid NOT NULL,
                "attempt" integer NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status_code" integer,
                "latency_ms" integer NOT NULL,
                "error" text,
                "success" boolean NOT NULL DEFAULT false,
                CONSTRAINT "PK_e4ff77b66cdd20591ba6189a1f9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9f268a8988513508fb61c3d116" ON "webhook_attempt" ("delivery_id", "attempt")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ed48ee30f94b84519f924b56be" ON "decision" ("kle_number", "decided_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ef13b159aecf8b8c95cf1caa01" ON "decision" ("case_number", "decided_at", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_subscription"
            ADD CONSTRAINT "FK_c3b9fcb5ccd3963c83fee24beb0" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_secret"
            ADD CONSTRAINT "FK_4ab74643eaac8c24c2b5a67dd00" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_delivery"
            ADD CONSTRAINT "FK_236a6a1218756223393d1fb5acc" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_attempt"
            ADD CONSTRAINT "FK_d7ed48c4841159bfd6bdee166ea" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "webhook_attempt" DROP CONSTRAINT "FK_d7ed48c4841159bfd6bdee166ea"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_236a6a1218756223393d1fb5acc"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_secret" DROP CONSTRAINT "FK_4ab74643eaac8c24c2b5a67dd00"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_subscription" DROP CONSTRAINT "FK_c3b9fcb5ccd3963c83fee24beb0"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ef13b159aecf8b8c95cf1caa01"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ed48ee30f94b84519f924b56be"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9f268a8988513508fb61c3d116"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_attempt"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_acbfa35e63683df23b3d42cad6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3c0935b535aba0ccf8431afeee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_delivery_due_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_delivery"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."webhook_delivery_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4ab74643eaac8c24c2b5a67dd0"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_secret"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c3b9fcb5ccd3963c83fee24beb"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_subscription"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."webhook_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_deac8a14eb2f63cb451f34d477"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_990e41e9cd5a11394199ef2a4c"
        `);
        await queryRunner.query(`
            DROP TABLE "change_event"
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bb5cc0c234224d7f0b87db93e2" ON "decision" USING btree ("kle_number")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a648e6b6c9eaad90acb465a37e" ON "decision" USING btree ("case_number")
        `);
    }

}
