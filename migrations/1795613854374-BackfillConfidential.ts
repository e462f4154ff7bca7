import { MigrationInterface, QueryRunner } from 'typeorm';

/** Hand-written: decisions and action items inherit the confidentiality of the agenda item they arose under. */
export class BackfillConfidential1795613854374 implements MigrationInterface {
  name = 'BackfillConfidential1795613854374';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE decision d SET confidential = true FROM agenda_item a WHERE a.id = d.agenda_item_id AND a.confidential`);
    await q.query(`UPDATE action_item ai SET confidential = true FROM agenda_item a WHERE a.id = ai.agenda_item_id AND a.confidential`);
  }

  public async down(): Promise<void> {
    // The flags are derived; nothing to undo.
  }
}
