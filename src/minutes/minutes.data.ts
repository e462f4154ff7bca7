/**
 * The content of a meeting's minutes, read through the GraphQL schema as the reader (see
 * common/internal-query.ts): what the reader may not see is absent, confidential text they may not
 * read arrives as "[Fortroligt]" with `redacted: true`.
 */
import { Ctx } from '../context';
import { queryAs } from '../common/internal-query';
import { NotFoundError } from '../common/errors';
import { ForbiddenError } from '../auth/access';
import { ApiScope } from '../api-key/api-key.entity';

export interface Named {
  name: string;
}

export interface MinutesAction {
  id: string;
  title: string;
  description: string;
  status: string;
  dueDate: string;
  redacted: boolean;
  closedAt: string | null;
  assigneeOrganisation: Named;
  assigneePerson: Named | null;
  agendaItem?: { id: string } | null;
  decision?: { id: string } | null;
  /** Follow-up items: the meetings it passed through, the first being where it arose. */
  trail?: { id: string; title: string; startsAt: string }[];
}

export interface MinutesDecision {
  id: string;
  text: string;
  status: string;
  redacted: boolean;
  caseNumber: string | null;
  kleNumber: string | null;
  reviewDate: string | null;
  decidedAt: string;
  agendaItem: { id: string } | null;
  supersedes: { text: string; decidedAt: string } | null;
  responsibleOrganisations: { edges: { node: Named }[] };
}

export interface MinutesAgendaItem {
  id: string;
  position: number;
  title: string;
  description: string;
  kind: string;
  status: string;
  confidential: boolean;
  redacted: boolean;
  outcomeNotes: string | null;
  plannedMinutes: number | null;
  presenterPerson: Named | null;
  presenterOrganisation: Named | null;
  carriedOverFrom: { meeting: { title: string; startsAt: string } } | null;
}

export interface MinutesData {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  status: string;
  kind: string;
  minutesStatus: string;
  minutesApprovedAt: string | null;
  minutesApprovedBy: Named | null;
  minutesNotes: string | null;
  cancellationReason: string | null;
  forum: { id: string; name: string; level: string; partnership: { name: string; area: string } };
  attendance: { status: string; organisation: Named & { id: string }; person: (Named & { title: string | null }) | null }[];
  agendaItems: MinutesAgendaItem[];
  decisions: MinutesDecision[];
  actionItems: MinutesAction[];
  followUpActionItems: MinutesAction[];
  followUpAgendaItems: { id: string; title: string; status: string; redacted: boolean; meeting: { title: string; startsAt: string } }[];
  amendments: { createdAt: string; reason: string; target: string; author: Named | null }[];
}

const ACTION = `id title description status dueDate redacted closedAt assigneeOrganisation { name } assigneePerson { name }`;

/** The lists of a meeting that make up its minutes, each read in full (page by page). */
const LISTS: Record<Exclude<keyof MinutesData, 'id' | 'title' | 'startsAt' | 'endsAt' | 'location' | 'status' | 'kind' | 'minutesStatus' | 'minutesApprovedAt' | 'minutesApprovedBy' | 'minutesNotes' | 'cancellationReason' | 'forum'>, string> = {
  attendance: 'status organisation { id name } person { name title }',
  agendaItems: `id position title description kind status confidential redacted outcomeNotes plannedMinutes
    presenterPerson { name } presenterOrganisation { name } carriedOverFrom { meeting { title startsAt } }`,
  decisions: `id text status redacted caseNumber kleNumber reviewDate decidedAt agendaItem { id } supersedes { text decidedAt }
    responsibleOrganisations(first: 100) { edges { node { name } } }`,
  actionItems: `${ACTION} agendaItem { id } decision { id }`,
  followUpActionItems: `${ACTION} trail { id title startsAt }`,
  followUpAgendaItems: 'id title status redacted meeting { title startsAt }',
  amendments: 'createdAt reason target author { name }',
};
type ListName = keyof typeof LISTS;

const PAGE = 100;
/** A list longer than this is cut (a minutes document of 5,000 rows per list is already unreadable). */
const MAX_PAGES = 50;

const HEADER = `id title startsAt endsAt location status kind minutesStatus minutesApprovedAt minutesNotes cancellationReason
  minutesApprovedBy { name } forum { id name level partnership { name area } }`;

const list = (name: ListName, after: boolean) =>
  `${name}(first: ${PAGE}${after ? ', after: $after' : ''}) { pageInfo { hasNextPage endCursor } edges { node { ${LISTS[name]} } } }`;

const FIRST_QUERY = `query Minutes($id: ID!) { meeting(id: $id) { ${HEADER} ${(Object.keys(LISTS) as ListName[]).map((n) => list(n, false)).join(' ')} } }`;
const PAGE_QUERIES = Object.fromEntries(
  (Object.keys(LISTS) as ListName[]).map((n) => [n, `query MinutesPage($id: ID!, $after: String) { meeting(id: $id) { ${list(n, true)} } }`]),
) as Record<ListName, string>;

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** API keys read minutes only with every scope the document draws on (otherwise parts would be silently missing). */
const MINUTES_SCOPES = [ApiScope.READ_MEETINGS, ApiScope.READ_DECISIONS, ApiScope.READ_ACTION_ITEMS, ApiScope.READ_DIRECTORY];

/** The minutes' content as the reader may see it. NOT_FOUND when the meeting does not exist or is not theirs to read. */
export async function loadMinutes(ctx: Ctx, meetingId: string): Promise<MinutesData> {
  ctx.access.requireAuthenticated();
  const p = ctx.principal;
  if (p.kind === 'apiKey') {
    const missing = MINUTES_SCOPES.filter((s) => !p.scopes.includes(s));
    if (missing.length) throw new ForbiddenError(`Reading minutes with an API key needs the scopes ${missing.join(', ')}`);
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(meetingId)) throw new NotFoundError('Meeting', meetingId);
  const first = await queryAs<{ meeting: (Record<string, unknown> & Record<ListName, Page<unknown>>) | null }>(ctx, FIRST_QUERY, { id: meetingId });
  if (!first.meeting) throw new NotFoundError('Meeting', meetingId);
  const out: Record<string, unknown> = { ...first.meeting };
  for (const name of Object.keys(LISTS) as ListName[]) {
    let page = first.meeting[name];
    const nodes = page.edges.map((e) => e.node);
    for (let i = 1; page.pageInfo.hasNextPage && i < MAX_PAGES; i++) {
      const next = await queryAs<{ meeting: Record<ListName, Page<unknown>> | null }>(ctx, PAGE_QUERIES[name], { id: meetingId, after: page.pageInfo.endCursor });
      if (!next.meeting) break;
      page = next.meeting[name];
      nodes.push(...page.edges.map((e) => e.node));
    }
    out[name] = nodes;
  }
  return out as unknown as MinutesData;
}
