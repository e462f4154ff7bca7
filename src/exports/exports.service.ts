/**
 * Spreadsheet exports of action items and decisions with the API's own list filters
 * (ActionItemFilter, DecisionFilter). The rows are read through the GraphQL schema as the request's
 * principal (common/internal-query.ts): the same read scoping, and confidential text shown as
 * "[Fortroligt]" to readers without a legal basis, exactly as in the API.
 */
import { GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLEnumType, GraphQLScalarType, GraphQLInputType, isListType, isNonNullType } from 'graphql';
import { Ctx, localDate } from '../context';
import { queryAs } from '../common/internal-query';
import { InputError } from '../common/errors';
import { schema } from '../schema';
import { CellValue, Column } from './spreadsheet';
import { LABELS } from '../minutes/minutes.view';

export type ExportKind = 'action-items' | 'decisions';

/** More rows than this are refused: narrow the filter. */
export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 100;

const TZ_DATE = (at: string | null, tz: string): CellValue => (at ? { date: localDate(new Date(at), tz) } : null);

interface Spec {
  field: string;
  filterType: string;
  sheetName: string;
  fileStem: string;
  node: string;
  columns: Column[];
  row(n: any, tz: string): CellValue[];
}

const SPECS: Record<ExportKind, Spec> = {
  'action-items': {
    field: 'actionItems',
    filterType: 'ActionItemFilter',
    sheetName: 'Opgaver',
    fileStem: 'Opgaver',
    node: `id title description status dueDate overdue redacted createdAt closedAt
      assigneeOrganisation { name } assigneePerson { name } forum { name } partnership { name }
      meeting { title startsAt } decision { caseNumber }`,
    columns: [
      { header: 'Opgave', width: 48 },
      { header: 'Beskrivelse', width: 48 },
      { header: 'Status', width: 12 },
      { header: 'Frist', width: 12, date: true },
      { header: 'Overskredet', width: 12 },
      { header: 'Ansvarlig organisation', width: 34 },
      { header: 'Ansvarlig person', width: 24 },
      { header: 'Forum', width: 26 },
      { header: 'Møde', width: 30 },
      { header: 'Mødedato', width: 12, date: true },
      { header: 'Sagsnr.', width: 16 },
      { header: 'Fortroligt (skjult)', width: 12 },
      { header: 'Oprettet', width: 12, date: true },
      { header: 'Afsluttet', width: 12, date: true },
      { header: 'Partnerskab', width: 30 },
      { header: 'Id', width: 38 },
    ],
    row: (n, tz) => [
      n.title,
      n.redacted ? null : n.description || null,
      LABELS.actionStatus[n.status] ?? n.status,
      { date: n.dueDate },
      n.overdue,
      n.assigneeOrganisation.name,
      n.assigneePerson?.name ?? null,
      n.forum.name,
      n.meeting?.title ?? null,
      TZ_DATE(n.meeting?.startsAt ?? null, tz),
      n.redacted ? null : (n.decision?.caseNumber ?? null),
      n.redacted,
      TZ_DATE(n.createdAt, tz),
      TZ_DATE(n.closedAt, tz),
      n.partnership.name,
      n.id,
    ],
  },
  decisions: {
    field: 'decisions',
    filterType: 'DecisionFilter',
    sheetName: 'Beslutninger',
    fileStem: 'Beslutninger',
    node: `id text status redacted decidedAt caseNumber kleNumber reviewDate forum { name } partnership { name }
      meeting { title startsAt } responsibleOrganisations(first: 100) { edges { node { name } } } supersedes { id }`,
    columns: [
      { header: 'Beslutning', width: 60 },
      { header: 'Status', width: 14 },
      { header: 'Besluttet', width: 12, date: true },
      { header: 'Forum', width: 26 },
      { header: 'Møde', width: 30 },
      { header: 'Sagsnr.', width: 16 },
      { header: 'KLE-nr.', width: 10 },
      { header: 'Ansvarlige organisationer', width: 40 },
      { header: 'Revurderes', width: 12, date: true },
      { header: 'Fortroligt (skjult)', width: 12 },
      { header: 'Erstatter beslutning', width: 38 },
      { header: 'Partnerskab', width: 30 },
      { header: 'Id', width: 38 },
    ],
    row: (n, tz) => [
      n.text,
      LABELS.decisionStatus[n.status] ?? n.status,
      TZ_DATE(n.decidedAt, tz),
      n.forum.name,
      n.meeting?.title ?? null,
      n.redacted ? null : n.caseNumber,
      n.redacted ? null : n.kleNumber,
      n.redacted ? null : n.responsibleOrganisations.edges.map((e: { node: { name: string } }) => e.node.name).join(', ') || null,
      !n.redacted && n.reviewDate ? { date: n.reviewDate } : null,
      n.redacted,
      n.supersedes?.id ?? null,
      n.partnership.name,
      n.id,
    ],
  },
};

/**
 * The API's filter from URL query parameters, by the filter input type of the schema: lists as
 * repeated or comma-separated values (`status=OPEN,IN_PROGRESS`; enum names in any case), booleans
 * as true/false. Unknown parameters are refused, naming them.
 */
export async function filterFromQuery(kind: ExportKind, params: URLSearchParams): Promise<Record<string, unknown>> {
  const type = (await schema()).getType(SPECS[kind].filterType) as GraphQLInputObjectType;
  const fields = type.getFields();
  const filter: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    if (name === 'separator') continue;
    const field = fields[name];
    if (!field) throw new InputError(name, `is not a filter; use ${Object.keys(fields).join(', ')}`);
    const values = params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    let t: GraphQLInputType = isNonNullType(field.type) ? field.type.ofType : field.type;
    const list = isListType(t);
    if (list) t = (t as GraphQLList<GraphQLInputType>).ofType;
    if (t instanceof GraphQLNonNull) t = t.ofType;
    const one = (v: string): unknown => {
      if (t instanceof GraphQLEnumType) {
        const known = t.getValues().map((x) => x.name);
        if (!known.includes(v.toUpperCase())) throw new InputError(name, `"${v}" is not one of ${known.join(', ')}`);
        return v.toUpperCase();
      }
      if (t instanceof GraphQLScalarType && t.name === 'Boolean') {
        if (!/^(true|false|1|0)$/i.test(v)) throw new InputError(name, 'must be true or false');
        return /^(true|1)$/i.test(v);
      }
      return v;
    };
    if (list) filter[name] = values.map(one);
    else {
      if (values.length !== 1) throw new InputError(name, 'takes one value');
      filter[name] = one(values[0]);
    }
  }
  return filter;
}

/** An export: its sheet's name and columns, and its rows as they are read, page by page. */
export interface ExportRows {
  sheetName: string;
  columns: Column[];
  /** Pages of rows; the first is read already, so that a bad filter or an export too long fails before any byte is sent. */
  pages: AsyncGenerator<CellValue[][]>;
}

/**
 * Every matching row, as the reader reads it (the API's list, page by page), read as the consumer
 * asks for the next page: an export holds one page in memory however long it is. The first page
 * comes with the list's count (the only page that asks for it), so that an export too long is refused
 * before any byte is sent.
 */
export async function exportRows(ctx: Ctx, kind: ExportKind, filter: Record<string, unknown>): Promise<ExportRows> {
  const spec = SPECS[kind];
  const q = `query Export($filter: ${spec.filterType}, $after: String, $first: Boolean!) {
    ${spec.field}(first: ${PAGE}, after: $after, filter: $filter) {
      totalCount @include(if: $first)
      pageInfo { hasNextPage endCursor }
      edges { node { ${spec.node} } } } }`;
  type Page = { totalCount?: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: unknown }[] };
  const read = async (after: string | null): Promise<Page> =>
    (await queryAs<Record<string, Page>>(ctx, q, { filter, after, first: after === null }))[spec.field];
  const first = await read(null);
  if ((first.totalCount ?? 0) > MAX_EXPORT_ROWS) {
    throw new InputError('filter', `matches ${first.totalCount} rows, more than ${MAX_EXPORT_ROWS} that one export holds; narrow it`);
  }
  const rowsOf = (page: Page) => page.edges.map((e) => spec.row(e.node, ctx.timeZone));
  async function* pages(): AsyncGenerator<CellValue[][]> {
    let page = first;
    let n = page.edges.length;
    yield rowsOf(page);
    // Rows added while the export runs could take it past the bound it was admitted under.
    while (page.pageInfo.hasNextPage && page.pageInfo.endCursor && n < MAX_EXPORT_ROWS) {
      page = await read(page.pageInfo.endCursor);
      n += page.edges.length;
      yield rowsOf(page);
    }
  }
  return { sheetName: spec.sheetName, columns: spec.columns, pages: pages() };
}

export function exportFileName(kind: ExportKind, ext: 'csv' | 'xlsx', day: string): string {
  return `${SPECS[kind].fileStem} ${day}.${ext}`;
}
