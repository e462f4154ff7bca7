import { MigrationInterface, QueryRunner } from "typeorm";

export class NetworkActivitiesIncidents1795622330726 implements MigrationInterface {
    name = 'NetworkActivitiesIncidents1795622330726'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."activity_status" AS ENUM('planned', 'active', 'paused', 'ended')
        `);
        await queryRunner.query(`
            CREATE TABLE "joint_activity" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "partnership_id" uuid NOT NULL,
                "name" character varying NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "lead_organisation_id" uuid NOT NULL,
                "target_group" character varying NOT NULL,
                "area" character varying NOT NULL,
                "topics" text array NOT NULL DEFAULT '{}',
                "starts_on" date NOT NULL,
                "ends_on" date,
                "status" "public"."activity_status" NOT NULL DEFAULT 'active',
                "forum_id" uuid,
                "end_reason" text,
                CONSTRAINT "PK_719a3ce9e00bfd12a6a31e51eed" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_32d3f4a152299c5b51a318e7b7" ON "joint_activity" ("forum_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_cf35606eed4abb926008d6028f" ON "joint_activity" ("lead_organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_64c1f3c4ee4afe0bdd8393c930" ON "joint_activity" ("partnership_id", "name", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."participant_role" AS ENUM(
                'co_lead',
                'partner',
                'contributor',
                'funder',
                'referrer'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "activity_participant" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "activity_id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "role" "public"."participant_role" NOT NULL,
                CONSTRAINT "PK_cc52c781c34362e77b78ff75893" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6f6bd3c88a82aa52168c3835a1" ON "activity_participant" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_207ceefcd4035cc1e104fccba7" ON "activity_participant" ("activity_id", "organisation_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."incident_kind" AS ENUM(
                'shooting',
                'extortion',
                'arson',
                'violence',
                'unrest',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."incident_status" AS ENUM('active', 'stabilised', 'closed')
        `);
        await queryRunner.query(`
            CREATE TABLE "incident" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "partnership_id" uuid NOT NULL,
                "kind" "public"."incident_kind" NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "area" character varying NOT NULL,
                "summary" text NOT NULL,
                "status" "public"."incident_status" NOT NULL DEFAULT 'active',
                "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "registered_by_id" uuid,
                "involved_organisation_ids" uuid array NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_5f90b28b0b8238d89ee8edcf96e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_733fe3e367292a4be8d3073161" ON "incident" ("partnership_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a70fe31a19f2cbed9b06557857" ON "incident" ("partnership_id", "occurred_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "incident_meeting" (
                "incident_id" uuid NOT NULL,
                "meeting_id" uuid NOT NULL,
                CONSTRAINT "PK_e68d62e629bb389cf76b0359286" PRIMARY KEY ("incident_id", "meeting_id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_14b05a886d5c56592b934b27cd" ON "incident_meeting" ("meeting_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."incident_update_kind" AS ENUM(
                'registered',
                'note',
                'organisations_involved',
                'meeting_convened',
                'action_assigned',
                'status_changed'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "incident_update" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "incident_id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "seq" BIGSERIAL NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "kind" "public"."incident_update_kind" NOT NULL,
                "text" text NOT NULL,
                "actor_id" uuid,
                "meeting_id" uuid,
                "action_item_id" uuid,
                "from_status" "public"."incident_status",
                "to_status" "public"."incident_status",
                CONSTRAINT "PK_1c8467d4507585b0e409ff33623" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2faea58c661fbd13b8761b96e9" ON "incident_update" ("incident_id", "at", "seq")
        `);
        await queryRunner.query(`
            CREATE TABLE "overlap_handling" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "partnership_id" uuid NOT NULL,
                "activity_a_id" uuid NOT NULL,
                "activity_b_id" uuid NOT NULL,
                "note" text NOT NULL,
                "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "handled_by_id" uuid,
                CONSTRAINT "PK_9b5d6714e31f8c416080600c023" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f18acedb41b6e46ddaa1e3b9f8" ON "overlap_handling" ("partnership_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_fa91bf653b2005a6c702993b77" ON "overlap_handling" ("activity_a_id", "activity_b_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "joint_activity"
            ADD CONSTRAINT "FK_d90dd774a926f0b72e42f762790" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "joint_activity"
            ADD CONSTRAINT "FK_cf35606eed4abb926008d6028fe" FOREIGN KEY ("lead_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "joint_activity"
            ADD CONSTRAINT "FK_32d3f4a152299c5b51a318e7b77" FOREIGN KEY ("forum_id") REFERENCES "forum"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "activity_participant"
            ADD CONSTRAINT "FK_5d88d380bfe60e28fcdcde9e12c" FOREIGN KEY ("activity_id") REFERENCES "joint_activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "activity_participant"
            ADD CONSTRAINT "FK_6f6bd3c88a82aa52168c3835a1f" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident"
            ADD CONSTRAINT "FK_fcccd427d5cc65c8d3a9debf1bb" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident"
            ADD CONSTRAINT "FK_33a96bb5397f84682ed693d9842" FOREIGN KEY ("registered_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_meeting"
            ADD CONSTRAINT "FK_a8a6670d20f69e83e15d7d8973d" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_meeting"
            ADD CONSTRAINT "FK_14b05a886d5c56592b934b27cd0" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_update"
            ADD CONSTRAINT "FK_4684e7a0a5a355ba2e014d1e42a" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_update"
            ADD CONSTRAINT "FK_d49aea579bad04e980f903b90e0" FOREIGN KEY ("actor_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_update"
            ADD CONSTRAINT "FK_16fe8275eb24ed78496e34ba208" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_update"
            ADD CONSTRAINT "FK_22ad16ebeed538545c501ea54c8" FOREIGN KEY ("action_item_id") REFERENCES "action_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "overlap_handling"
            ADD CONSTRAINT "FK_1cfb3b74f77b60d7463ce3c068f" FOREIGN KEY ("activity_a_id") REFERENCES "joint_activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "overlap_handling"
            ADD CONSTRAINT "FK_c79d9390e9421039050d8d18402" FOREIGN KEY ("activity_b_id") REFERENCES "joint_activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "overlap_handling"
            ADD CONSTRAINT "FK_402b566b09531886367632471d1" FOREIGN KEY ("handled_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "overlap_handling" DROP CONSTRAINT "FK_402b566b09531886367632471d1"
        `);
        await queryRunner.query(`
            ALTER TABLE "overlap_handling" DROP CONSTRAINT "FK_c79d9390e9421039050d8d18402"
        `);
        await queryRunner.query(`
            ALTER TABLE "overlap_handling" DROP CONSTRAINT "FK_1cfb3b74f77b60d7463ce3c068f"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_update" DROP CONSTRAINT "FK_22ad16ebeed538545c501ea54c8"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_update" DROP CONSTRAINT "FK_16fe8275eb24ed78496e34ba208"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_update" DROP CONSTRAINT "FK_d49aea579bad04e980f903b90e0"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_update" DROP CONSTRAINT "FK_4684e7a0a5a355ba2e014d1e42a"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_meeting" DROP CONSTRAINT "FK_14b05a886d5c56592b934b27cd0"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_meeting" DROP CONSTRAINT "FK_a8a6670d20f69e83e15d7d8973d"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident" DROP CONSTRAINT "FK_33a96bb5397f84682ed693d9842"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident" DROP CONSTRAINT "FK_fcccd427d5cc65c8d3a9debf1bb"
        `);
        await queryRunner.query(`
            ALTER TABLE "activity_participant" DROP CONSTRAINT "FK_6f6bd3c88a82aa52168c3835a1f"
        `);
        await queryRunner.query(`
            ALTER TABLE "activity_participant" DROP CONSTRAINT "FK_5d88d380bfe60e28fcdcde9e12c"
        `);
        await queryRunner.query(`
            ALTER TABLE "joint_activity" DROP CONSTRAINT "FK_32d3f4a152299c5b51a318e7b77"
        `);
        await queryRunner.query(`
            ALTER TABLE "joint_activity" DROP CONSTRAINT "FK_cf35606eed4abb926008d6028fe"
        `);
        await queryRunner.query(`
            ALTER TABLE "joint_activity" DROP CONSTRAINT "FK_d90dd774a926f0b72e42f762790"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fa91bf653b2005a6c702993b77"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f18acedb41b6e46ddaa1e3b9f8"
        `);
        await queryRunner.query(`
            DROP TABLE "overlap_handling"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2faea58c661fbd13b8761b96e9"
        `);
        await queryRunner.query(`
            DROP TABLE "incident_update"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."incident_update_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_14b05a886d5c56592b934b27cd"
        `);
        await queryRunner.query(`
            DROP TABLE "incident_meeting"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a70fe31a19f2cbed9b06557857"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_733fe3e367292a4be8d3073161"
        `);
        await queryRunner.query(`
            DROP TABLE "incident"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."incident_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."incident_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_207ceefcd4035cc1e104fccba7"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6f6bd3c88a82aa52168c3835a1"
        `);
        await queryRunner.query(`
            DROP TABLE "activity_participant"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."participant_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_64c1f3c4ee4afe0bdd8393c930"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cf35606eed4abb926008d6028f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_32d3f4a152299c5b51a318e7b7"
        `);
        await queryRunner.query(`
            DROP TABLE "joint_activity"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."activity_status"
        `);
    }

}
