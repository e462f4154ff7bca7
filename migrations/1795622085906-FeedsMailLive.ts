import { MigrationInterface, QueryRunner } from "typeorm";

export class FeedsMailLive1795622085906 implements MigrationInterface {
    name = 'FeedsMailLive1795622085906'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."calendar_feed_kind" AS ENUM('forum', 'organisation', 'person')
        `);
        await queryRunner.query(`
            CREATE TABLE "calendar_feed" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "owner_id" uuid NOT NULL,
                "kind" "public"."calendar_feed_kind" NOT NULL,
                "target_id" uuid NOT NULL,
                "name" character varying NOT NULL,
                "include_action_items" boolean NOT NULL DEFAULT false,
                "prefix" character varying(32) NOT NULL,
                "secret_hash" character varying(64) NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_3744994dcdc4fdcdf8e13d6e8d" ON "calendar_feed" ("prefix")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8befc14b7b78fa4a0ad4997099" ON "calendar_feed" ("owner_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."mail_kind" AS ENUM('digest', 'agenda', 'minutes')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."mail_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'dead')
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dedupe_key" character varying(300) NOT NULL,
                "kind" "public"."mail_kind" NOT NULL,
                "person_id" uuid,
                "to_address" character varying(320) NOT NULL,
                "payload" jsonb NOT NULL,
                "status" "public"."mail_status" NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "message_id" character varying,
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d23285093ea237bc7632d4fcce9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_2fb17c41f790e6928f2ff53662" ON "mail_message" ("dedupe_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_de32dd07ba9737c6ccb257008f" ON "mail_message" ("status", "next_attempt_at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."reminder_kind" AS ENUM('upcoming', 'overdue')
        `);
        await queryRunner.query(`
            CREATE TABLE "reminder_sent" (
                "action_item_id" uuid NOT NULL,
                "kind" "public"."reminder_kind" NOT NULL,
                "due_date" date NOT NULL,
                "mail_message_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_72167a5bfc870112dbdee674a1e" PRIMARY KEY ("action_item_id", "kind", "due_date")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."distribution_status" AS ENUM('pending', 'queued', 'skipped')
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_distribution" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "kind" "public"."mail_kind" NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "requested_by_id" uuid,
                "status" "public"."distribution_status" NOT NULL DEFAULT 'pending',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9a6a547dc91f0429fa6c35b9c79" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6b982b77d6e007364d04675dd0" ON "meeting_distribution" ("status", "requested_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_preference" (
                "person_id" uuid NOT NULL,
                "digest_opt_out" boolean NOT NULL DEFAULT false,
                "unsubscribe_token" character varying(64) NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_2c25577f1c9514db7b103101cae" PRIMARY KEY ("person_id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_effca53d96934fe11c51f9edbf" ON "mail_preference" ("unsubscribe_token")
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "FK_523c807b8a36595755f6907ad9a" FOREIGN KEY ("owner_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_message"
            ADD CONSTRAINT "FK_f2be9fff87633852bf578caeba8" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "reminder_sent"
            ADD CONSTRAINT "FK_57fcaabdd748919ea71ae32f8ec" FOREIGN KEY ("action_item_id") REFERENCES "action_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "reminder_sent"
            ADD CONSTRAINT "FK_435c2b50f6f6f0a776e72ba3493" FOREIGN KEY ("mail_message_id") REFERENCES "mail_message"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_distribution"
            ADD CONSTRAINT "FK_c68a4964f000e95fc6826efede3" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_preference"
            ADD CONSTRAINT "FK_2c25577f1c9514db7b103101cae" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "mail_preference" DROP CONSTRAINT "FK_2c25577f1c9514db7b103101cae"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_distribution" DROP CONSTRAINT "FK_c68a4964f000e95fc6826efede3"
        `);
        await queryRunner.query(`
            ALTER TABLE "reminder_sent" DROP CONSTRAINT "FK_435c2b50f6f6f0a776e72ba3493"
        `);
        await queryRunner.query(`
            ALTER TABLE "reminder_sent" DROP CONSTRAINT "FK_57fcaabdd748919ea71ae32f8ec"
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_message" DROP CONSTRAINT "FK_f2be9fff87633852bf578caeba8"
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_523c807b8a36595755f6907ad9a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_effca53d96934fe11c51f9edbf"
        `);
        await queryRunner.query(`
            DROP TABLE "mail_preference"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6b982b77d6e007364d04675dd0"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_distribution"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."distribution_status"
        `);
        await queryRunner.query(`
            DROP TABLE "reminder_sent"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."reminder_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_de32dd07ba9737c6ccb257008f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2fb17c41f790e6928f2ff53662"
        `);
        await queryRunner.query(`
            DROP TABLE "mail_message"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."mail_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."mail_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8befc14b7b78fa4a0ad4997099"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3744994dcdc4fdcdf8e13d6e8d"
        `);
        await queryRunner.query(`
            DROP TABLE "calendar_feed"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."calendar_feed_kind"
        `);
    }

}
