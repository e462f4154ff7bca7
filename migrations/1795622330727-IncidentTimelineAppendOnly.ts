import { MigrationInterface, QueryRunner } from 'typeorm';

/** The incident timeline is append-only, like the other histories (refuse_history_change() exists since SearchIndexesAndHistoryGuards). */
export class IncidentTimelineAppendOnly1795622330727 implements MigrationInterface {
  name = 'IncidentTimelineAppendOnly1795622330727';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER "incident_update_append_only" BEFORE UPDATE OR DELETE ON "incident_update"
                   FOR EACH ROW EXECUTE FUNCTION refuse_history_change()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "incident_update_append_only" ON "incident_update"`);
  }
}
