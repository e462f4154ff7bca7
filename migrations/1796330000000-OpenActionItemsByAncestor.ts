import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (issue 4, the organisation page): every open action item (open, in progress, blocked)
 * once under its assignee organisation and once under each of that organisation's ancestors, in due
 * order. An organisation's responsibility page lists and counts the open and overdue work of its
 * whole subtree; at national scale a municipal department has ~80 sub-organisations and ten years of
 * action items, and reading one index range per sub-organisation and merging cost ~8 ms a page. Here
 * the page is one index range, whatever the subtree's size, and the bounded counts are index-only.
 *
 * The rows carry the columns the read guard (partnership, forum, assignee organisation) and the due
 * date filters test, under the same names as on action_item, so a list reads and counts this table
 * alone (aliased as the action item) and joins action_item only for the page's rows. Status is not
 * copied: a status change between open statuses (the common write) does not touch this table.
 *
 * Kept by triggers: an action item's insert, its becoming open or closed, a new due date, assignee,
 * forum or partnership (row triggers with WHEN clauses, so other updates cost nothing); deletes
 * cascade; an organisation moved to another parent rewrites the rows of the items in its subtree.
 * action_item_open_by_ancestor_rebuild() recomputes everything (used here and by the benchmark's
 * bulk loader, which loads with triggers off).
 */
export class OpenActionItemsByAncestor1796330000000 implements MigrationInterface {
  name = 'OpenActionItemsByAncestor1796330000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE action_item_open_by_ancestor (
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        id uuid NOT NULL REFERENCES action_item (id) ON DELETE CASCADE,
        due_date date NOT NULL,
        partnership_id uuid NOT NULL,
        forum_id uuid NOT NULL,
        assignee_organisation_id uuid NOT NULL,
        -- Every row is open work; the column lets the shared action item filters apply unchanged.
        is_open boolean NOT NULL DEFAULT true CHECK (is_open),
        PRIMARY KEY (organisation_id, due_date, id) INCLUDE (partnership_id, forum_id, assignee_organisation_id, is_open)
      )`);
    await q.query(`CREATE INDEX action_item_open_by_ancestor_item ON action_item_open_by_ancestor (id)`);

    // The organisation and its ancestors (at most 50 levels: the directory refuses cycles).
    await q.query(`
      CREATE FUNCTION organisation_ancestors(org uuid) RETURNS TABLE (id uuid) LANGUAGE sql STABLE AS $$
        WITH RECURSIVE up(id, depth) AS (
          SELECT org, 0
          UNION ALL
          SELECT o.parent_id, up.depth + 1 FROM up JOIN organisation o ON o.id = up.id WHERE o.parent_id IS NOT NULL AND up.depth < 50
        )
        SELECT id FROM up
      $$`);
    await q.query(`
      CREATE FUNCTION action_item_open_by_ancestor_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM action_item_open_by_ancestor WHERE id = OLD.id;
        END IF;
        IF NEW.status IN ('open', 'in_progress', 'blocked') THEN
          INSERT INTO action_item_open_by_ancestor (organisation_id, id, due_date, partnership_id, forum_id, assignee_organisation_id)
          SELECT a.id, NEW.id, NEW.due_date, NEW.partnership_id, NEW.forum_id, NEW.assignee_organisation_id
            FROM organisation_ancestors(NEW.assignee_organisation_id) a;
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER action_item_open_by_ancestor_ins AFTER INSERT ON action_item FOR EACH ROW EXECUTE FUNCTION action_item_open_by_ancestor_sync()`);
    // Status changes between open statuses, edits of the text and version bumps do not fire it.
    await q.query(`
      CREATE TRIGGER action_item_open_by_ancestor_upd AFTER UPDATE ON action_item FOR EACH ROW
        WHEN ((OLD.status IN ('open', 'in_progress', 'blocked')) IS DISTINCT FROM (NEW.status IN ('open', 'in_progress', 'blocked'))
              OR OLD.due_date IS DISTINCT FROM NEW.due_date
              OR OLD.assignee_organisation_id IS DISTINCT FROM NEW.assignee_organisation_id
              OR OLD.forum_id IS DISTINCT FROM NEW.forum_id
              OR OLD.partnership_id IS DISTINCT FROM NEW.partnership_id)
        EXECUTE FUNCTION action_item_open_by_ancestor_sync()`);

    // An organisation moved: the items assigned in its subtree get their ancestor rows again.
    await q.query(`
      CREATE FUNCTION action_item_open_by_ancestor_reparent() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        moved uuid[];
      BEGIN
        -- The open items assigned to the organisation or below it.
        moved := ARRAY(
          SELECT ai.id FROM action_item ai
           WHERE ai.status IN ('open', 'in_progress', 'blocked')
             AND ai.assignee_organisation_id IN (
               WITH RECURSIVE sub(id, depth) AS (
                 SELECT NEW.id, 0
                 UNION ALL
                 SELECT o.id, sub.depth + 1 FROM organisation o JOIN sub ON o.parent_id = sub.id WHERE sub.depth < 50
               ) SELECT id FROM sub));
        DELETE FROM action_item_open_by_ancestor WHERE id = ANY(moved);
        INSERT INTO action_item_open_by_ancestor (organisation_id, id, due_date, partnership_id, forum_id, assignee_organisation_id)
          SELECT a.id, ai.id, ai.due_date, ai.partnership_id, ai.forum_id, ai.assignee_organisation_id
            FROM action_item ai CROSS JOIN LATERAL organisation_ancestors(ai.assignee_organisation_id) a
           WHERE ai.id = ANY(moved);
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER organisation_open_action_items_reparent AFTER UPDATE OF parent_id ON organisation FOR EACH ROW
        WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)
        EXECUTE FUNCTION action_item_open_by_ancestor_reparent()`);

    await q.query(`
      CREATE FUNCTION action_item_open_by_ancestor_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE n bigint;
      BEGIN
        DELETE FROM action_item_open_by_ancestor;
        INSERT INTO action_item_open_by_ancestor (organisation_id, id, due_date, partnership_id, forum_id, assignee_organisation_id)
        WITH RECURSIVE anc(org, ancestor, depth) AS (
          SELECT o.id, o.id, 0 FROM organisation o
          UNION ALL
          SELECT anc.org, o.parent_id, anc.depth + 1 FROM anc JOIN organisation o ON o.id = anc.ancestor
           WHERE o.parent_id IS NOT NULL AND anc.depth < 50
        )
        SELECT anc.ancestor, ai.id, ai.due_date, ai.partnership_id, ai.forum_id, ai.assignee_organisation_id
          FROM action_item ai JOIN anc ON anc.org = ai.assignee_organisation_id
         WHERE ai.status IN ('open', 'in_progress', 'blocked');
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN n;
      END
      $$`);
    await q.query(`SELECT action_item_open_by_ancestor_rebuild()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER organisation_open_action_items_reparent ON organisation`);
    await q.query(`DROP TRIGGER action_item_open_by_ancestor_upd ON action_item`);
    await q.query(`DROP TRIGGER action_item_open_by_ancestor_ins ON action_item`);
    await q.query(`DROP FUNCTION action_item_open_by_ancestor_rebuild()`);
    await q.query(`DROP FUNCTION action_item_open_by_ancestor_reparent()`);
    await q.query(`DROP FUNCTION action_item_open_by_ancestor_sync()`);
    await q.query(`DROP FUNCTION organisation_ancestors(uuid)`);
    await q.query(`DROP TABLE action_item_open_by_ancestor`);
  }
}
