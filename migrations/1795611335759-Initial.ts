import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795611335759 implements MigrationInterface {
    name = 'Initial1795611335759'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."organisation_kind" AS ENUM(
                'municipal_department',
                'municipal_unit',
                'police',
                'ssp',
                'housing_association',
                'school',
                'association',
                'business',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "organisation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "name" character varying NOT NULL,
                "short_name" character varying,
                "kind" "public"."organisation_kind" NOT NULL,
                "parent_id" uuid,
                "topics" text array NOT NULL DEFAULT '{}',
                "active" boolean NOT NULL DEFAULT true,
                "email" character varying,
                "phone" character varying,
                CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c4ba39f5697ec0cd6e03314b61" ON "organisation" ("parent_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "person" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "name" character varying NOT NULL,
                "title" character varying,
                "email" character varying,
                "phone" character varying,
                CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "affiliation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "person_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "role" character varying,
                "is_contact" boolean NOT NULL DEFAULT false,
                "starts_on" date NOT NULL,
                "ends_on" date,
                CONSTRAINT "PK_faec2110a0fda4a0b7f93df6e6a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ae74d720a0246b900d0b443415" ON "affiliation" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8eaf4ce1f0b356b95b3aeefd39" ON "affiliation" ("person_id", "organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "partnership" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "name" character varying NOT NULL,
                "area" character varying NOT NULL,
                "purpose" text NOT NULL DEFAULT '',
                CONSTRAINT "PK_f1bf1be9f475497d8b396d4cc56" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."partnership_role" AS ENUM('lead', 'partner', 'observer')
        `);
        await queryRunner.query(`
            CREATE TABLE "partnership_member" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "partnership_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "role" "public"."partnership_role" NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date,
                CONSTRAINT "PK_22a114d2a9c9183840dc300d9b1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e49c306f94afeeed0d87017c83" ON "partnership_member" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_42e9c9afe84c8c5105396843e6" ON "partnership_member" ("partnership_id", "organisation_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."forum_level" AS ENUM('strategic', 'tactical', 'operational')
        `);
        await queryRunner.query(`
            CREATE TABLE "forum" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "partnership_id" uuid NOT NULL,
                "name" character varying NOT NULL,
                "level" "public"."forum_level" NOT NULL,
                "mandate" text NOT NULL DEFAULT '',
                "recurrence" character varying,
                "meeting_duration_minutes" integer NOT NULL DEFAULT '120',
                "default_location" character varying,
                CONSTRAINT "PK_ffd925a9b1fa44ab1ce26c9821c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ff651f04e8349dc21208ca38d6" ON "forum" ("partnership_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."forum_role" AS ENUM('chair', 'secretary', 'member', 'observer')
        `);
        await queryRunner.query(`
            CREATE TABLE "forum_member" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "forum_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "role" "public"."forum_role" NOT NULL,
                "legal_basis" character varying,
                "starts_on" date NOT NULL,
                "ends_on" date,
                CONSTRAINT "PK_a750489be1ea75347892d93e4b6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fc5b06e4d28d0cea85d3c7857f" ON "forum_member" ("person_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_390925f4126b3a0d100d8d17b1" ON "forum_member" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_93f3cf568fb19f2fb4ab4b61f8" ON "forum_member" ("forum_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."meeting_status" AS ENUM('scheduled', 'held', 'cancelled')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."meeting_kind" AS ENUM('ordinary', 'extraordinary')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'approved')
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES ($1, $2, $3, $4, $5, $6)
        `, [(queryRunner.connection.driver as any).database, "public","meeting","GENERATED_COLUMN","search_vector","setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(to_tsvector('danish', coalesce(location, '')), 'B') || setweight(to_tsvector('danish', coalesce(minutes_notes, '')), 'C')"]);
        await queryRunner.query(`
            CREATE TABLE "meeting" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "forum_id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "title" character varying NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "location" character varying,
                "status" "public"."meeting_status" NOT NULL DEFAULT 'scheduled',
                "kind" "public"."meeting_kind" NOT NULL DEFAULT 'ordinary',
                "cancellation_reason" character varying,
                "minutes_notes" text,
                "minutes_status" "public"."minutes_status" NOT NULL DEFAULT 'draft',
                "minutes_approved_at" TIMESTAMP WITH TIME ZONE,
                "minutes_approved_by_id" uuid,
                "search_vector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(
                        to_tsvector('danish', coalesce(location, '')),
                        'B'
                    ) || setweight(
                        to_tsvector('danish', coalesce(minutes_notes, '')),
                        'C'
                    )
                ) STORED NOT NULL,
                CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_32f4a91e4c866302a6ea85c4d5" ON "meeting" ("partnership_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_af1acbdb5990f0b130d80bd212" ON "meeting" ("forum_id", "starts_at", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."attendance_status" AS ENUM('present', 'absent', 'excused')
        `);
        await queryRunner.query(`
            CREATE TABLE "attendance" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "meeting_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "person_id" uuid,
                "status" "public"."attendance_status" NOT NULL,
                CONSTRAINT "PK_ee0ffe42c1f1a01e72b725c0cb2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b74292f3160f75405505c55965" ON "attendance" ("meeting_id", "organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "minutes_amendment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "meeting_id" uuid NOT NULL,
                "author_id" uuid,
                "reason" text NOT NULL,
                "target" character varying NOT NULL,
                "target_id" uuid NOT NULL,
                "before" text,
                "after" text,
                CONSTRAINT "PK_5ced904be99b69d0c001c6e490d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7e2984784adb77ea8b3fd1ce11" ON "minutes_amendment" ("meeting_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."agenda_item_kind" AS ENUM(
                'information',
                'discussion',
                'decision',
                'follow_up'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."agenda_item_status" AS ENUM('planned', 'discussed', 'deferred')
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES ($1, $2, $3, $4, $5, $6)
        `, [(queryRunner.connection.driver as any).database, "public","agenda_item","GENERATED_COLUMN","search_vector","setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(to_tsvector('danish', coalesce(description, '')), 'B') || setweight(to_tsvector('danish', coalesce(outcome_notes, '')), 'C')"]);
        await queryRunner.query(`
            CREATE TABLE "agenda_item" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "meeting_id" uuid NOT NULL,
                "forum_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "title" character varying NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "kind" "public"."agenda_item_kind" NOT NULL,
                "presenter_person_id" uuid,
                "presenter_organisation_id" uuid,
                "planned_minutes" integer,
                "confidential" boolean NOT NULL DEFAULT false,
                "outcome_notes" text,
                "status" "public"."agenda_item_status" NOT NULL DEFAULT 'planned',
                "carried_over_from_id" uuid,
                "search_vector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(
                        to_tsvector('danish', coalesce(description, '')),
                        'B'
                    ) || setweight(
                        to_tsvector('danish', coalesce(outcome_notes, '')),
                        'C'
                    )
                ) STORED NOT NULL,
                CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_69d966ec79490b8e811197bc7a" ON "agenda_item" ("carried_over_from_id")
            WHERE "carried_over_from_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_553d987d4e61793013bce0b30a" ON "agenda_item" ("forum_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_93a8ea8c43fdcd50572127697a" ON "agenda_item" ("meeting_id", "position", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."decision_status" AS ENUM(
                'in_force',
                'implemented',
                'superseded',
                'revoked'
            )
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES ($1, $2, $3, $4, $5, $6)
        `, [(queryRunner.connection.driver as any).database, "public","decision","GENERATED_COLUMN","search_vector","setweight(to_tsvector('danish', coalesce(text, '')), 'A') || setweight(to_tsvector('danish', coalesce(case_number, '')), 'B')"]);
        await queryRunner.query(`
            CREATE TABLE "decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "agenda_item_id" uuid NOT NULL,
                "meeting_id" uuid NOT NULL,
                "forum_id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "text" text NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" "public"."decision_status" NOT NULL DEFAULT 'in_force',
                "supersedes_id" uuid,
                "review_date" date,
                "case_number" character varying,
                "kle_number" character varying,
                "search_vector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('danish', coalesce(text, '')), 'A') || setweight(
                        to_tsvector('danish', coalesce(case_number, '')),
                        'B'
                    )
                ) STORED NOT NULL,
                CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_af301b00fd2f263f4a2371c20a" ON "decision" ("supersedes_id")
            WHERE "supersedes_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a648e6b6c9eaad90acb465a37e" ON "decision" ("case_number")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bb5cc0c234224d7f0b87db93e2" ON "decision" ("kle_number")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_54d8d6480509b366ac03919dad" ON "decision" ("decided_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_737bf19f8cfd862fa027614fd6" ON "decision" ("partnership_id", "decided_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_cfdbf20ac9bf30858a55df4849" ON "decision" ("forum_id", "decided_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2f94d2220056fd79cfd6e0e898" ON "decision" ("meeting_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c6e0b15ae3922b328c9328de14" ON "decision" ("agenda_item_id", "decided_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "decision_responsibility" (
                "decision_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                CONSTRAINT "PK_4d3104aff9b3cd2b12c56d3167e" PRIMARY KEY ("decision_id", "organisation_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_17aa46b28444937125a5826d3c" ON "decision_responsibility" ("organisation_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "decision_status_change" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "decision_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "from_status" "public"."decision_status",
                "to_status" "public"."decision_status" NOT NULL,
                "comment" text,
                CONSTRAINT "PK_d99e5a92b187ceb59bf61002154" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bc2e67cb96a578ee8ac20c86db" ON "decision_status_change" ("decision_id", "at", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."action_item_origin" AS ENUM('decision', 'agenda_item', 'meeting')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."action_item_status" AS ENUM(
                'open',
                'in_progress',
                'done',
                'blocked',
                'cancelled'
            )
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES ($1, $2, $3, $4, $5, $6)
        `, [(queryRunner.connection.driver as any).database, "public","action_item","GENERATED_COLUMN","search_vector","setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(to_tsvector('danish', coalesce(description, '')), 'B')"]);
        await queryRunner.query(`
            CREATE TABLE "action_item" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                "title" character varying NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "origin" "public"."action_item_origin" NOT NULL,
                "decision_id" uuid,
                "agenda_item_id" uuid,
                "meeting_id" uuid NOT NULL,
                "forum_id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "assignee_organisation_id" uuid NOT NULL,
                "assignee_person_id" uuid,
                "due_date" date NOT NULL,
                "status" "public"."action_item_status" NOT NULL DEFAULT 'open',
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "search_vector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('danish', coalesce(title, '')), 'A') || setweight(
                        to_tsvector('danish', coalesce(description, '')),
                        'B'
                    )
                ) STORED NOT NULL,
                CONSTRAINT "PK_1214f6f4d832c402751617361c0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_40c00215ba5e366917e3827349" ON "action_item" ("due_date", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2ea2e9752089c72ee06031c158" ON "action_item" ("agenda_item_id", "due_date", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_71c1ab3339a1cca08b36254494" ON "action_item" ("decision_id", "due_date", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b8f503223c6e5147b2eec830b3" ON "action_item" ("meeting_id", "due_date", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fb4b87dc18a255f7d77ef560df" ON "action_item" ("partnership_id", "due_date", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9e635e1a7c5339d9f1a81aafa6" ON "action_item" ("forum_id", "due_date", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_afbc28f9bb5da491d42320603d" ON "action_item" ("assignee_person_id", "due_date", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a16192869ead075ee08a4c661f" ON "action_item" ("assignee_organisation_id", "due_date", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."action_item_event_kind" AS ENUM(
                'created',
                'status_changed',
                'reassigned',
                'due_date_moved'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "action_item_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "action_item_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "kind" "public"."action_item_event_kind" NOT NULL,
                "from_status" "public"."action_item_status",
                "to_status" "public"."action_item_status" NOT NULL,
                "from_value" character varying,
                "to_value" character varying,
                "comment" text,
                CONSTRAINT "PK_399ea70fb5ee682745b7f85afab" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6e3aedb83b8dc4c6ec0b7c2058" ON "action_item_event" ("action_item_id", "at", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD CONSTRAINT "FK_c4ba39f5697ec0cd6e03314b616" FOREIGN KEY ("parent_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation"
            ADD CONSTRAINT "FK_b03c71bf9167f1c4626506d317d" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation"
            ADD CONSTRAINT "FK_ae74d720a0246b900d0b4434150" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "partnership_member"
            ADD CONSTRAINT "FK_572f5640e697d3ea242e7a27304" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "partnership_member"
            ADD CONSTRAINT "FK_e49c306f94afeeed0d87017c83b" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "forum"
            ADD CONSTRAINT "FK_ff651f04e8349dc21208ca38d64" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "forum_member"
            ADD CONSTRAINT "FK_93f3cf568fb19f2fb4ab4b61f85" FOREIGN KEY ("forum_id") REFERENCES "forum"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "forum_member"
            ADD CONSTRAINT "FK_fc5b06e4d28d0cea85d3c7857f9" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "forum_member"
            ADD CONSTRAINT "FK_390925f4126b3a0d100d8d17b12" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD CONSTRAINT "FK_111c011124487e3d6cfb0979e62" FOREIGN KEY ("forum_id") REFERENCES "forum"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD CONSTRAINT "FK_8b7c283a8977a567680b365c91f" FOREIGN KEY ("minutes_approved_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attendance"
            ADD CONSTRAINT "FK_fedd75244556b90cd6a92b7c149" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attendance"
            ADD CONSTRAINT "FK_c06bf86431d22a5e7efaf3aacfb" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attendance"
            ADD CONSTRAINT "FK_86687a3aa35d66a5613e23ddd65" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes_amendment"
            ADD CONSTRAINT "FK_f5cf5203304c31340ebc78ac4e0" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes_amendment"
            ADD CONSTRAINT "FK_6534affe1fcb8c9014d26d27ed6" FOREIGN KEY ("author_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_90be31ea953cf724e0ae996ac9b" FOREIGN KEY ("presenter_person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_a35fd9fa21641fc99c826d94789" FOREIGN KEY ("presenter_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_836196034a23b966166a90939bd" FOREIGN KEY ("carried_over_from_id") REFERENCES "agenda_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "FK_aa9f50900900cd92171d1555b8b" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "FK_2dfbe7478bac978c97cbc410094" FOREIGN KEY ("supersedes_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_responsibility"
            ADD CONSTRAINT "FK_d94dab975b6bd97c1b5d0d8a17d" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_responsibility"
            ADD CONSTRAINT "FK_17aa46b28444937125a5826d3cd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_status_change"
            ADD CONSTRAINT "FK_097887fea47f6cb031ce9f9c431" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_status_change"
            ADD CONSTRAINT "FK_8b5a90d3aeec6fa7ba6e36e9bd2" FOREIGN KEY ("actor_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "FK_b4b964cbab818bc784393ad40f4" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "FK_92c74b698f50501fde13a29b9aa" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "FK_f77a02b2bac8df1a368c81281bf" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "FK_b68911c697bc54c4e5e7210092b" FOREIGN KEY ("assignee_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD CONSTRAINT "FK_843cfd5fecdfd30cddbc7194b8e" FOREIGN KEY ("assignee_person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item_event"
            ADD CONSTRAINT "FK_9d137272a61ea4a4903c1d05269" FOREIGN KEY ("action_item_id") REFERENCES "action_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item_event"
            ADD CONSTRAINT "FK_d5ddfd56f4d3aa52598d145aba0" FOREIGN KEY ("actor_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "action_item_event" DROP CONSTRAINT "FK_d5ddfd56f4d3aa52598d145aba0"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item_event" DROP CONSTRAINT "FK_9d137272a61ea4a4903c1d05269"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "FK_843cfd5fecdfd30cddbc7194b8e"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "FK_b68911c697bc54c4e5e7210092b"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "FK_f77a02b2bac8df1a368c81281bf"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "FK_92c74b698f50501fde13a29b9aa"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP CONSTRAINT "FK_b4b964cbab818bc784393ad40f4"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_status_change" DROP CONSTRAINT "FK_8b5a90d3aeec6fa7ba6e36e9bd2"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_status_change" DROP CONSTRAINT "FK_097887fea47f6cb031ce9f9c431"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_responsibility" DROP CONSTRAINT "FK_17aa46b28444937125a5826d3cd"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision_responsibility" DROP CONSTRAINT "FK_d94dab975b6bd97c1b5d0d8a17d"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "FK_2dfbe7478bac978c97cbc410094"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "FK_aa9f50900900cd92171d1555b8b"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_836196034a23b966166a90939bd"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_a35fd9fa21641fc99c826d94789"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_90be31ea953cf724e0ae996ac9b"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b"
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes_amendment" DROP CONSTRAINT "FK_6534affe1fcb8c9014d26d27ed6"
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes_amendment" DROP CONSTRAINT "FK_f5cf5203304c31340ebc78ac4e0"
        `);
        await queryRunner.query(`
            ALTER TABLE "attendance" DROP CONSTRAINT "FK_86687a3aa35d66a5613e23ddd65"
        `);
        await queryRunner.query(`
            ALTER TABLE "attendance" DROP CONSTRAINT "FK_c06bf86431d22a5e7efaf3aacfb"
        `);
        await queryRunner.query(`
            ALTER TABLE "attendance" DROP CONSTRAINT "FK_fedd75244556b90cd6a92b7c149"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP CONSTRAINT "FK_8b7c283a8977a567680b365c91f"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP CONSTRAINT "FK_111c011124487e3d6cfb0979e62"
        `);
        await queryRunner.query(`
            ALTER TABLE "forum_member" DROP CONSTRAINT "FK_390925f4126b3a0d100d8d17b12"
        `);
        await queryRunner.query(`
            ALTER TABLE "forum_member" DROP CONSTRAINT "FK_fc5b06e4d28d0cea85d3c7857f9"
        `);
        await queryRunner.query(`
            ALTER TABLE "forum_member" DROP CONSTRAINT "FK_93f3cf568fb19f2fb4ab4b61f85"
        `);
        await queryRunner.query(`
            ALTER TABLE "forum" DROP CONSTRAINT "FK_ff651f04e8349dc21208ca38d64"
        `);
        await queryRunner.query(`
            ALTER TABLE "partnership_member" DROP CONSTRAINT "FK_e49c306f94afeeed0d87017c83b"
        `);
        await queryRunner.query(`
            ALTER TABLE "partnership_member" DROP CONSTRAINT "FK_572f5640e697d3ea242e7a27304"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation" DROP CONSTRAINT "FK_ae74d720a0246b900d0b4434150"
        `);
        await queryRunner.query(`
            ALTER TABLE "affiliation" DROP CONSTRAINT "FK_b03c71bf9167f1c4626506d317d"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP CONSTRAINT "FK_c4ba39f5697ec0cd6e03314b616"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6e3aedb83b8dc4c6ec0b7c2058"
        `);
        await queryRunner.query(`
            DROP TABLE "action_item_event"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."action_item_event_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a16192869ead075ee08a4c661f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_afbc28f9bb5da491d42320603d"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9e635e1a7c5339d9f1a81aafa6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fb4b87dc18a255f7d77ef560df"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b8f503223c6e5147b2eec830b3"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_71c1ab3339a1cca08b36254494"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2ea2e9752089c72ee06031c158"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_40c00215ba5e366917e3827349"
        `);
        await queryRunner.query(`
            DROP TABLE "action_item"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = $3
                AND "schema" = $4
                AND "table" = $5
        `, ["GENERATED_COLUMN","search_vector","migrations","public","action_item"]);
        await queryRunner.query(`
            DROP TYPE "public"."action_item_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."action_item_origin"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bc2e67cb96a578ee8ac20c86db"
        `);
        await queryRunner.query(`
            DROP TABLE "decision_status_change"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_17aa46b28444937125a5826d3c"
        `);
        await queryRunner.query(`
            DROP TABLE "decision_responsibility"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c6e0b15ae3922b328c9328de14"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2f94d2220056fd79cfd6e0e898"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cfdbf20ac9bf30858a55df4849"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_737bf19f8cfd862fa027614fd6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_54d8d6480509b366ac03919dad"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bb5cc0c234224d7f0b87db93e2"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a648e6b6c9eaad90acb465a37e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_af301b00fd2f263f4a2371c20a"
        `);
        await queryRunner.query(`
            DROP TABLE "decision"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = $3
                AND "schema" = $4
                AND "table" = $5
        `, ["GENERATED_COLUMN","search_vector","migrations","public","decision"]);
        await queryRunner.query(`
            DROP TYPE "public"."decision_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_93a8ea8c43fdcd50572127697a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_553d987d4e61793013bce0b30a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_69d966ec79490b8e811197bc7a"
        `);
        await queryRunner.query(`
            DROP TABLE "agenda_item"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = $3
                AND "schema" = $4
                AND "table" = $5
        `, ["GENERATED_COLUMN","search_vector","migrations","public","agenda_item"]);
        await queryRunner.query(`
            DROP TYPE "public"."agenda_item_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."agenda_item_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7e2984784adb77ea8b3fd1ce11"
        `);
        await queryRunner.query(`
            DROP TABLE "minutes_amendment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b74292f3160f75405505c55965"
        `);
        await queryRunner.query(`
            DROP TABLE "attendance"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."attendance_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_af1acbdb5990f0b130d80bd212"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_32f4a91e4c866302a6ea85c4d5"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = $3
                AND "schema" = $4
                AND "table" = $5
        `, ["GENERATED_COLUMN","search_vector","migrations","public","meeting"]);
        await queryRunner.query(`
            DROP TYPE "public"."minutes_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."meeting_kind"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."meeting_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_93f3cf568fb19f2fb4ab4b61f8"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_390925f4126b3a0d100d8d17b1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fc5b06e4d28d0cea85d3c7857f"
        `);
        await queryRunner.query(`
            DROP TABLE "forum_member"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."forum_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ff651f04e8349dc21208ca38d6"
        `);
        await queryRunner.query(`
            DROP TABLE "forum"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."forum_level"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_42e9c9afe84c8c5105396843e6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e49c306f94afeeed0d87017c83"
        `);
        await queryRunner.query(`
            DROP TABLE "partnership_member"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."partnership_role"
        `);
        await queryRunner.query(`
            DROP TABLE "partnership"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8eaf4ce1f0b356b95b3aeefd39"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ae74d720a0246b900d0b443415"
        `);
        await queryRunner.query(`
            DROP TABLE "affiliation"
        `);
        await queryRunner.query(`
            DROP TABLE "person"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c4ba39f5697ec0cd6e03314b61"
        `);
        await queryRunner.query(`
            DROP TABLE "organisation"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."organisation_kind"
        `);
    }

}
