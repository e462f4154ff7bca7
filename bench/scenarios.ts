/**
 * The benchmark's scenarios: the exact GraphQL documents a front end or an integration sends, and for
 * each read scenario the *limit*: one hand-written SQL statement returning the same `data` as JSON,
 * served by bench/limit-server.ts. Kept free of imports from src/ so the limit server stays minimal.
 *
 * Semantics the limit SQL reproduces (read from the resolvers and services in src/):
 * - connections without `first` hold the first 20 items (DEFAULT_PAGE_SIZE);
 * - orders: meetings starts_at DESC, id DESC; agenda items position, id; decisions under an agenda
 *   item decided_at, id; action items due_date, id; the decision list decided_at DESC, id DESC;
 * - the reader is an API key: confidential agenda items, and the decisions and action items that arose
 *   under them, show "[Fortroligt]" instead of their text, and search never matches their content;
 * - DateTimeISO values are `Date.toISOString()` (UTC, milliseconds, "Z"); LocalDate values YYYY-MM-DD;
 *   enum values are the upper-case names of the database values;
 * - "today" (overdue) is the date in Europe/Copenhagen;
 * - an organisation's action items include those of all its sub-organisations (recursive);
 * - cursors are base64url(JSON.stringify([sortKey1::text, …, id::text])).
 */

export interface Sample {
  forumId: string;
  bigForumId: string;
  organisationId: string;
  bigOrganisationId: string;
  coordinatorPersonId: string;
  partnershipId: string;
  searchTerm: string;
  /**
   * The forum of scenario 1, chosen by the runner: of bigForumId and forumId, the one whose 10 latest
   * meetings hold the most agenda items (the latest meetings of a forum meeting twice a week may all be
   * scheduled ones without agendas yet).
   */
  historyForumId?: string;
  /** Meetings + agenda items + decisions + action items on that forum's history page. */
  historyItems?: number;
  /** Meetings whose search document matches searchTerm (chosen by the runner). */
  searchTermMeetings?: number;
}

export type ReadScenarioId = 'history' | 'organisation' | 'search' | 'searchPartnership' | 'decisions';

export interface SqlStatement {
  text: string;
  params: unknown[];
}

export interface ReadScenario {
  id: ReadScenarioId;
  number: number;
  title: string;
  /** The page size used in the measured runs, and a smaller one for the statement-count check. */
  pageSize: number;
  smallPageSize: number;
  /** The GraphQL document for a page size. */
  query(pageSize: number): string;
  variables(sample: Sample): Record<string, unknown>;
  /** The limit: one SQL statement returning `data` as JSON text (column `data`). */
  limitSql(variables: Record<string, any>, pageSize: number): SqlStatement;
  /** Paged scenarios: requests follow `endCursor` to the end of the list, then start again. */
  paged?: { variable: string; connection: string };
}

const REDACTED = "'[Fortroligt]'";
/** `boundedCount { count exact }` with the default bound of 1000: count at most 1001 rows. */
const bounded = (rows: string) =>
  `(SELECT json_build_object('count', least(count(*), 1000), 'exact', count(*) <= 1000) FROM (${rows} LIMIT 1001) b)`;
const reveal = (alias: string, column: string) => `CASE WHEN ${alias}.confidential THEN ${REDACTED} ELSE ${alias}.${column} END`;
const iso = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const enumName = (expr: string) => `upper(${expr}::text)`;
const TODAY = `(now() AT TIME ZONE 'Europe/Copenhagen')::date`;
// Open work: action_item.is_open (status open, in progress or blocked), the flag the open-work index is partial on.
/** base64url(JSON.stringify([a::text, b::text])) without padding. */
const cursorOf = (...exprs: string[]) =>
  `rtrim(translate(encode(convert_to('["' || ${exprs.map((e) => `(${e})::text`).join(` || '","' || `)} || '"]', 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
/**
 * A connection's edges from a sorted subquery (`FROM (SELECT … ORDER BY … LIMIT n) alias`, joins inside
 * it): the aggregate takes the rows in the subquery's order when it alone is read, the form PostgreSQL's
 * manual gives for ordered aggregate input. (`json_agg(… ORDER BY …)` sets up a sort per parent row: the
 * app's statement does the same; see prefetch.ts nestedJson.)
 */
const edges = (node: string) => `coalesce(json_agg(json_build_object('node', ${node})), '[]'::json)`;

// ---------------------------------------------------------------- 1. meeting history

const history: ReadScenario = {
  id: 'history',
  number: 1,
  title: "Meeting history: a forum's 10 latest meetings with agenda items, decisions, action items and assignee",
  pageSize: 10,
  smallPageSize: 5,
  query: (n) => `query MeetingHistory($forumId: ID!) {
  forum(id: $forumId) {
    meetings(first: ${n}) {
      edges {
        node {
          id
          title
          startsAt
          agendaItems {
            edges {
              node {
                id
                position
                title
                decisions {
                  edges {
                    node {
                      id
                      text
                      status
                      actionItems {
                        edges {
                          node {
                            id
                            title
                            dueDate
                            status
                            assigneeOrganisation { name }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`,
  variables: (s) => ({ forumId: s.historyForumId ?? s.bigForumId }),
  limitSql: (v, n) => ({
    params: [v.forumId, n],
    text: `SELECT json_build_object('forum', (
  SELECT json_build_object('meetings', json_build_object('edges', (
    SELECT ${edges(
      `json_build_object('id', m.id, 'title', m.title, 'startsAt', ${iso('m.starts_at')},
        'agendaItems', json_build_object('edges', (
          SELECT ${edges(
            `json_build_object('id', a.id, 'position', a.position, 'title', ${reveal('a', 'title')},
              'decisions', json_build_object('edges', (
                SELECT ${edges(
                  `json_build_object('id', d.id, 'text', ${reveal('d', 'text')}, 'status', ${enumName('d.status')},
                    'actionItems', json_build_object('edges', (
                      SELECT ${edges(
                        `json_build_object('id', ai.id, 'title', ${reveal('ai', 'title')}, 'dueDate', ai.due_date,
                          'status', ${enumName('ai.status')}, 'assigneeOrganisation', json_build_object('name', ai.assignee_name))`,
                      )}
                      FROM (SELECT x.id, x.title, x.confidential, x.due_date, x.status, o.name AS assignee_name FROM action_item x
                             JOIN organisation o ON o.id = x.assignee_organisation_id
                             WHERE x.decision_id = d.id ORDER BY x.due_date, x.id LIMIT 20) ai)))`,
                )}
                FROM (SELECT x.id, x.text, x.confidential, x.status, x.decided_at FROM decision x
                       WHERE x.agenda_item_id = a.id ORDER BY x.decided_at, x.id LIMIT 20) d)))`,
          )}
          FROM (SELECT x.id, x.position, x.title, x.confidential FROM agenda_item x
                 WHERE x.meeting_id = m.id ORDER BY x.position, x.id LIMIT 20) a)))`,
    )}
    FROM (SELECT x.id, x.title, x.starts_at FROM meeting x WHERE x.forum_id = f.id ORDER BY x.starts_at DESC, x.id DESC LIMIT $2) m)))
  FROM forum f WHERE f.id = $1::uuid))::text AS data`,
  }),
};

// ---------------------------------------------------------------- 2. organisation responsibility page

const organisation: ReadScenario = {
  id: 'organisation',
  number: 2,
  title: "Organisation page: its open and overdue action items across all forums, sub-organisations included, by due date",
  pageSize: 20,
  smallPageSize: 10,
  query: (n) => `query Responsibilities($organisationId: ID!) {
  organisation(id: $organisationId) {
    name
    actionItems(first: ${n}, filter: { status: [OPEN, IN_PROGRESS, BLOCKED] }) {
      boundedCount { count exact }
      edges {
        node {
          id
          title
          dueDate
          status
          overdue
          forum { name }
        }
      }
    }
    overdue: actionItems(first: ${n}, filter: { overdue: true }) {
      boundedCount { count exact }
      edges {
        node {
          id
          title
          dueDate
        }
      }
    }
  }
}`,
  variables: (s) => ({ organisationId: s.bigOrganisationId }),
  // The subtree's open work from the open-work table (migration OpenActionItemsByAncestor), as the app reads it.
  limitSql: (v, n) => ({
    params: [v.organisationId, n],
    text: `WITH t AS (SELECT ${TODAY} AS today)
SELECT json_build_object('organisation', (
  SELECT json_build_object(
    'name', org.name,
    'actionItems', json_build_object(
      'boundedCount', ${bounded(`SELECT 1 FROM action_item_open_by_ancestor x WHERE x.organisation_id = $1::uuid`)},
      'edges', (
        SELECT ${edges(
          `json_build_object('id', ai.id, 'title', ${reveal('ai', 'title')}, 'dueDate', ai.due_date, 'status', ${enumName('ai.status')},
            'overdue', ai.due_date < t.today, 'forum', json_build_object('name', ai.forum_name))`,
        )}
        FROM (SELECT a.id, a.title, a.confidential, a.due_date, a.status, f.name AS forum_name
                FROM action_item_open_by_ancestor x JOIN action_item a ON a.id = x.id JOIN forum f ON f.id = a.forum_id
               WHERE x.organisation_id = $1::uuid ORDER BY x.due_date, x.id LIMIT $2) ai)),
    'overdue', json_build_object(
      'boundedCount', ${bounded(`SELECT 1 FROM action_item_open_by_ancestor x WHERE x.organisation_id = $1::uuid AND x.due_date < t.today`)},
      'edges', (
        SELECT ${edges(`json_build_object('id', ai.id, 'title', ${reveal('ai', 'title')}, 'dueDate', ai.due_date)`)}
        FROM (SELECT a.id, a.title, a.confidential, a.due_date FROM action_item_open_by_ancestor x JOIN action_item a ON a.id = x.id
               WHERE x.organisation_id = $1::uuid AND x.due_date < t.today ORDER BY x.due_date, x.id LIMIT $2) ai)))
  FROM organisation org, t WHERE org.id = $1::uuid))::text AS data`,
  }),
};

// ---------------------------------------------------------------- 3. full-text search

const search: ReadScenario = {
  id: 'search',
  number: 3,
  title: 'Full-text search over meeting history (meeting, agenda items, decisions, action items), newest first',
  pageSize: 10,
  smallPageSize: 5,
  query: (n) => `query SearchMeetings($q: String!) {
  meetings(first: ${n}, filter: { search: $q }) {
    boundedCount { count exact }
    edges {
      node {
        id
        title
        startsAt
        forum { name }
      }
    }
  }
}`,
  variables: (s) => ({ q: s.searchTerm }),
  limitSql: (v, n) => ({
    params: [String(v.q).trim(), n],
    text: `WITH q AS (SELECT websearch_to_tsquery('danish', $1::text) AS q),
  hits AS (SELECT s.meeting_id AS id FROM meeting_search s, q WHERE s.open_doc @@ q.q)
SELECT json_build_object('meetings', json_build_object(
  'boundedCount', ${bounded('SELECT 1 FROM hits')},
  'edges', (
    SELECT ${edges(`json_build_object('id', m.id, 'title', m.title, 'startsAt', ${iso('m.starts_at')}, 'forum', json_build_object('name', m.forum_name))`)}
    FROM (SELECT x.id, x.title, x.starts_at, f.name AS forum_name FROM meeting x JOIN forum f ON f.id = x.forum_id WHERE x.id IN (SELECT id FROM hits)
           ORDER BY x.starts_at DESC, x.id DESC LIMIT $2) m)))::text AS data`,
  }),
};

/**
 * 3b. The same search as a member's search box sends it: within their partnership (the sample's
 * typical one). Scenario 3 searches every partnership the benchmark key covers (all 294 nationally),
 * so its result set grows with the country; this one grows with the partnership.
 */
const searchPartnership: ReadScenario = {
  id: 'searchPartnership',
  number: 3,
  title: "Full-text search within one partnership's meeting history, newest first",
  pageSize: 10,
  smallPageSize: 5,
  query: (n) => `query SearchPartnershipMeetings($q: String!, $partnershipId: ID!) {
  meetings(first: ${n}, partnershipId: $partnershipId, filter: { search: $q }) {
    boundedCount { count exact }
    edges {
      node {
        id
        title
        startsAt
        forum { name }
      }
    }
  }
}`,
  variables: (s) => ({ q: s.searchTerm, partnershipId: s.partnershipId }),
  limitSql: (v, n) => ({
    params: [String(v.q).trim(), n, v.partnershipId],
    text: `WITH q AS (SELECT websearch_to_tsquery('danish', $1::text) AS q),
  hits AS (SELECT s.meeting_id AS id FROM meeting_search s, q WHERE s.partnership_id = $3::uuid AND s.open_doc @@ q.q)
SELECT json_build_object('meetings', json_build_object(
  'boundedCount', ${bounded('SELECT 1 FROM hits')},
  'edges', (
    SELECT ${edges(`json_build_object('id', m.id, 'title', m.title, 'startsAt', ${iso('m.starts_at')}, 'forum', json_build_object('name', m.forum_name))`)}
    FROM (SELECT x.id, x.title, x.starts_at, f.name AS forum_name FROM meeting x JOIN forum f ON f.id = x.forum_id WHERE x.id IN (SELECT id FROM hits)
           ORDER BY x.starts_at DESC, x.id DESC LIMIT $2) m)))::text AS data`,
  }),
};

// ---------------------------------------------------------------- 4. paging a large decision list

function decodeCursor(cursor: string): [string, string] {
  const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Array.isArray(v) || v.length !== 2) throw new Error('bad cursor');
  return [String(v[0]), String(v[1])];
}

const decisions: ReadScenario = {
  id: 'decisions',
  number: 4,
  title: "Integration paging through a partnership's decisions, 100 per page, to the end",
  pageSize: 100,
  smallPageSize: 50,
  paged: { variable: 'after', connection: 'decisions' },
  query: (n) => `query DecisionFeed($partnershipId: ID!, $after: String) {
  decisions(first: ${n}, after: $after, filter: { partnershipId: $partnershipId }) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        text
        status
        decidedAt
        caseNumber
        kleNumber
        forum { id name }
      }
    }
  }
}`,
  variables: (s) => ({ partnershipId: s.partnershipId, after: null }),
  limitSql: (v, n) => {
    const after = v.after ? decodeCursor(v.after) : null;
    const params: unknown[] = [v.partnershipId, n, ...(after ?? [])];
    return {
      params,
      text: `SELECT json_build_object('decisions', json_build_object(
  'pageInfo', json_build_object(
    'hasNextPage', count(*) > $2,
    'endCursor', (array_agg(p.cursor ORDER BY p.rn DESC) FILTER (WHERE p.rn <= $2))[1]),
  'edges', coalesce(json_agg(json_build_object('node', json_build_object(
      'id', p.id, 'text', ${reveal('p', 'text')}, 'status', ${enumName('p.status')}, 'decidedAt', ${iso('p.decided_at')},
      'caseNumber', p.case_number, 'kleNumber', p.kle_number, 'forum', json_build_object('id', f.id, 'name', f.name)))
    ORDER BY p.rn) FILTER (WHERE p.rn <= $2), '[]'::json)))::text AS data
FROM (SELECT x.*, row_number() OVER (ORDER BY x.decided_at DESC, x.id DESC) AS rn, ${cursorOf('x.decided_at', 'x.id')} AS cursor
        FROM (SELECT d.id, d.text, d.confidential, d.status, d.decided_at, d.case_number, d.kle_number, d.forum_id FROM decision d
               WHERE d.partnership_id = $1::uuid${after ? ' AND (d.decided_at, d.id) < ($3::timestamptz, $4::uuid)' : ''}
               ORDER BY d.decided_at DESC, d.id DESC LIMIT $2 + 1) x) p
JOIN forum f ON f.id = p.forum_id`,
    };
  },
};

export const READ_SCENARIOS: ReadScenario[] = [history, organisation, search, searchPartnership, decisions];

export function readScenario(id: string): ReadScenario | undefined {
  return READ_SCENARIOS.find((s) => s.id === id);
}

// ---------------------------------------------------------------- 5. writes

export const WRITE_SCENARIO = {
  id: 'statusChanges' as const,
  number: 5,
  title: "Action item status changes with a comment (OPEN ↔ IN_PROGRESS), each with its history row and audit row",
  query: `mutation ChangeStatus($id: ID!, $status: ActionItemStatus!, $comment: String) {
  changeActionItemStatus(id: $id, status: $status, comment: $comment) {
    id
    status
  }
}`,
  comment: 'bench: status change',
};
