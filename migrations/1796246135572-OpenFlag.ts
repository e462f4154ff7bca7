import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Status changes between open statuses (open, in progress, blocked) as HOT updates. The open-work
 * index was partial on `status`, so every status change was an indexed-value change: a new entry in
 * each of action_item's eleven indexes (a GIN among them). Partial on the generated `is_open` instead,
 * such a change touches no indexed value, and with room left on each page (fillfactor 90, set before
 * the column is added so the rewrite that adding it causes leaves the room) the row is updated in place.
 */
export class OpenFlag1796246135572 implements MigrationInterface {
    name = 'OpenFlag1796246135572'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "action_item" SET (fillfactor = 90)`);
        await queryRunner.query(`
            ALTER TABLE "action_item"
            ADD "is_open" boolean GENERATED ALWAYS AS (status IN ('open', 'in_progress', 'blocked')) STORED NOT NULL
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
        `, [(queryRunner.connection.driver as any).database, "public","action_item","GENERATED_COLUMN","is_open","status IN ('open', 'in_progress', 'blocked')"]);
        await queryRunner.query(`DROP INDEX "action_item_open_by_assignee"`);
        await queryRunner.query(
            `CREATE INDEX action_item_open_by_assignee ON action_item (assignee_organisation_id, due_date, id) INCLUDE (partnership_id) WHERE is_open`,
        );
        // The change feed's rows (data, changed_fields) leave the flag out, as they leave search_vector out.
        await queryRunner.query(feedFunctions(`- 'search_vector'`, `- 'search_vector' - 'is_open'`));
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(feedFunctions(`- 'search_vector' - 'is_open'`, `- 'search_vector'`));
        await queryRunner.query(`DROP INDEX "action_item_open_by_assignee"`);
        await queryRunner.query(
            `CREATE INDEX action_item_open_by_assignee ON action_item (assignee_organisation_id, due_date, id) INCLUDE (partnership_id)
             WHERE status IN ('open', 'in_progress', 'blocked')`,
        );
        await queryRunner.query(`ALTER TABLE "action_item" RESET (fillfactor)`);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = $3
                AND "schema" = $4
                AND "table" = $5
        `, ["GENERATED_COLUMN","is_open","migrations","public","action_item"]);
        await queryRunner.query(`
            ALTER TABLE "action_item" DROP COLUMN "is_open"
        `);
    }

}

/** Redefine the change-feed trigger functions with `from` replaced by `to` in their bodies. */
function feedFunctions(from: string, to: string): string {
    const q = (x: string) => x.replace(/'/g, "''");
    return `DO $do$ DECLARE f text; BEGIN
        FOREACH f IN ARRAY ARRAY['change_feed_record', 'action_item_updated'] LOOP
            EXECUTE replace(pg_get_functiondef(f::regproc), '${q(from)}', '${q(to)}');
        END LOOP;
    END $do$`;
}
