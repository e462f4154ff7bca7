/**
 * Property-based fuzzing (fast-check) of every mutation's input, generated from the schema's
 * Mutation fields and input types (a new mutation is covered without touching this file): strings
 * with control characters, any Unicode, huge values, wrong types, unknown and real ids of every
 * kind. Never a 5xx or INTERNAL_SERVER_ERROR, never SQL or driver text in a response, and a rejected
 * mutation writes nothing (row counts and the newest xmin of every table unchanged).
 */
import fc from 'fast-check';
import {
  GraphQLField,
  GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isCompositeType,
} from 'graphql';
import { schema } from '../../src/schema';
import { expect, Scenario } from '../scenario';
import { buildWorld, freshDb, gql, rowSnapshot, spawnServer, SQL_LEAK } from '../support';

const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS || 20);
const SEED = Number(process.env.RELIABILITY_FUZZ_SEED || 20261125);

const CONTROL = fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u0008', '\u001b', '\u007f', '\u202e', '\ufeff', '\n', '\t', 'a', ' '), maxLength: 30 });
const HUGE = fc.constantFrom('x'.repeat(120_000), 'æøå'.repeat(40_000), '\u{1F600}'.repeat(30_000));

const strings = fc.oneof(
  { weight: 10, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: CONTROL },
  { weight: 1, arbitrary: HUGE },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', "' OR 1=1 --", '%', '\\', '${x}', '<script>', 'null', 'Ærø Ønskeø') },
);

const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([1, 2]), fc.string({ maxLength: 5 }), fc.double(), fc.constant(null));

/** Real ids by table, and all of them. */
interface Ids {
  byTable: Map<string, string[]>;
  all: string[];
}

/** The table an id argument or field most likely names: `assigneeOrganisationId` → organisation, `id` → the result's type. */
function tableFor(name: string, owner: string): string | null {
  const base = name === 'id' || name === 'ids' ? owner : name.replace(/Ids?$/, '');
  const words = base.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split('_');
  for (const t of ['agenda_item', 'action_item', 'partnership_member', 'partnership_access', 'forum_member', 'api_key', 'organisation', 'person', 'partnership', 'forum', 'meeting', 'decision', 'affiliation']) {
    const tw = t.split('_');
    for (let i = 0; i + tw.length <= words.length; i++) if (tw.every((w, j) => words[i + j] === w)) return t;
  }
  if (/item/.test(base.toLowerCase())) return 'agenda_item';
  return null;
}

function scalar(name: string, ids: Ids, hint: string | null): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID': {
      const mine = (hint && ids.byTable.get(hint)) || [];
      return fc.oneof(
        { weight: mine.length ? 12 : 0, arbitrary: fc.constantFrom(...(mine.length ? mine : ids.all)) },
        { weight: 3, arbitrary: fc.constantFrom(...ids.all) },
        { weight: 2, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: strings },
      );
    }
    case 'String':
      return strings;
    case 'Int':
      return fc.oneof({ weight: 10, arbitrary: fc.integer({ min: -3, max: 120 }) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e15, 0) }, { weight: 1, arbitrary: fc.integer() });
    case 'Float':
      return fc.oneof(fc.double(), fc.constantFrom(Number.MAX_VALUE, -0));
    case 'Boolean':
      return fc.boolean();
    case 'DateTimeISO':
      return fc.oneof(
        { weight: 12, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) },
        { weight: 1, arbitrary: fc.constantFrom('2026-13-01T00:00:00Z', '0000-01-01T00:00:00Z', 'yesterday', '2026-06-15') },
        { weight: 1, arbitrary: strings },
      );
    case 'LocalDate':
      return fc.oneof(
        { weight: 12, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
        { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '9999-12-31', '0001-01-01', '2026-6-1') },
        { weight: 1, arbitrary: strings },
      );
    default:
      return fc.oneof(strings, fc.integer(), fc.constant({ a: 1 }));
  }
}

/** Mostly a valid value of `type` (so inputs get past coercion into the resolvers), sometimes null, absent or of a wrong type. */
function valueOf(type: GraphQLInputType, ids: Ids, depth: number, hint: string | null): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    return fc.oneof({ weight: 40, arbitrary: bare(type.ofType, ids, depth, hint) }, { weight: 1, arbitrary: wrongType });
  }
  return fc.oneof({ weight: 14, arbitrary: bare(type, ids, depth, hint) }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: wrongType });
}

function bare(type: GraphQLInputType, ids: Ids, depth: number, hint: string | null): fc.Arbitrary<unknown> {
  let inner: fc.Arbitrary<unknown>;
  if (isListType(type)) {
    inner = fc.array(valueOf(type.ofType, ids, depth + 1, hint), { maxLength: depth > 2 ? 1 : 4 });
  } else if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const rec: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) rec[f.name] = depth > 3 ? fc.constant(undefined) : valueOf(f.type, ids, depth + 1, tableFor(f.name, hint ?? ''));
    const base = fc.record(rec);
    inner = fc.oneof({ weight: 20, arbitrary: base }, { weight: 1, arbitrary: base.map((o) => ({ ...o, unknownField: 'x' })) });
  } else if (isEnumType(type)) {
    inner = fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: strings });
  } else if (isScalarType(type)) {
    inner = scalar(type.name, ids, hint);
  } else {
    inner = wrongType;
  }
  return inner;
}

function documentFor(field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const sel = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `mutation Fuzz${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${sel} }`;
}

/** Every string inside a value (inputs may be echoed in a validation message; that is not a leak). */
function stringsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => stringsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => stringsIn(x, out));
  return out;
}

export const fuzz: Scenario = {
  name: 'fuzzing every mutation input (fast-check)',
  budgetMs: 150_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 1, meetings: 2, actionItems: 4 });
    const server = await spawnServer(db, env.keyFile);
    try {
      const s = await schema();
      const mutations = Object.values(s.getMutationType()!.getFields());
      const tables = ['organisation', 'person', 'partnership', 'forum', 'meeting', 'agenda_item', 'decision', 'action_item', 'affiliation', 'forum_member', 'partnership_member', 'partnership_access', 'api_key'];
      const rows = await db.query<{ t: string; id: string }>(tables.map((t) => `(SELECT '${t}' AS t, id::text FROM "${t}" LIMIT 4)`).join(' UNION ALL '));
      const ids: Ids = { byTable: new Map(), all: rows.map((r) => r.id) };
      for (const r of rows) ids.byTable.set(r.t, [...(ids.byTable.get(r.t) ?? []), r.id]);
      let tried = 0;
      let rejected = 0;
      let accepted = 0;
      const perMutation: string[] = [];
      const violations: string[] = [];
      const reasons = new Map<string, number>();
      let before = await rowSnapshot(db);
      for (const field of mutations) {
        const doc = documentFor(field);
        const owner = getNamedType(field.type).name.replace(/^Created/, '');
        const argsArb = fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueOf(a.type, ids, 0, tableFor(a.name, owner))])));
        let ok = 0;
        await fc.assert(
          fc.asyncProperty(argsArb, async (variables) => {
            tried++;
            const r = await gql(server.url, w.admin.token, doc, variables as Record<string, unknown>, { timeoutMs: 20_000 });
            const after = await rowSnapshot(db);
            const shown = () => `${field.name} ${JSON.stringify(variables).slice(0, 300)} -> ${r.status || r.error} ${r.text.slice(0, 300)}`;
            if (r.status === 0 || r.status >= 500) violations.push(`5xx or no answer: ${shown()}`);
            const codes = (r.json?.errors ?? []).map((e: any) => e?.extensions?.code);
            if (codes.includes('INTERNAL_SERVER_ERROR')) violations.push(`INTERNAL_SERVER_ERROR: ${shown()}`);
            let text = r.text;
            for (const str of stringsIn(variables)) if (str.length > 2) text = text.split(JSON.stringify(str).slice(1, -1)).join('').split(str).join('');
            if (SQL_LEAK.test(text)) violations.push(`SQL or driver text (${SQL_LEAK.exec(text)?.[0]}): ${shown()}`);
            const success = r.status === 200 && r.json?.data?.[field.name] != null && !r.json?.errors;
            if (success) {
              accepted++;
              ok++;
            } else {
              rejected++;
              const e = r.json?.errors?.[0];
              const reason = `${r.status} ${e?.extensions?.code ?? '-'}${e?.extensions?.field ? ' ' + e.extensions.field : ''}`;
              reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
              if (process.env.FUZZ_DEBUG && r.status === 400) console.log(shown());
              const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
              if (changed.length) violations.push(`rejected but wrote ${changed.join(', ')}: ${shown()}`);
            }
            before = after;
            return true;
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        perMutation.push(`${field.name} ${ok}/${RUNS}`);
      }
      for (const v of violations.slice(0, 15)) report.failures.push(v);
      expect(report, violations.length === 0, `${violations.length} violations`);
      report.inputs = `${tried} generated inputs for ${mutations.length} mutations (${RUNS} each, seed ${SEED}): ${accepted} accepted, ${rejected} rejected`;
      report.load = '1 client, 1 server process, one request at a time with a row snapshot after each';
      report.faults = 'control characters, any Unicode, 120 kB strings, wrong types, null for required, unknown fields, unknown and mismatched ids, out-of-range numbers and dates';
      report.notes.push(`accepted per mutation: ${perMutation.join(', ')}`);
      const top = [...reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
      report.notes.push(`most frequent refusals: ${top.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    } finally {
      await server.kill('SIGKILL');
      await db.close();
    }
  },
};
