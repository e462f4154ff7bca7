/**
 * Forum recurrence rules (RFC 5545 RRULE with DTSTART and TZID), via the `rrule` package.
 * rrule computes in "floating" wall time; we convert each occurrence to an instant in the
 * forum's time zone, so a 14:00 meeting stays at 14:00 across daylight-saving changes.
 */
import { RRule, rrulestr } from 'rrule';
import { InputError } from '../common/errors';
import { instantToWallTime, wallTimeToInstant } from '../common/time';

export interface ParsedRecurrence {
  rule: RRule;
  timeZone: string;
}

const DAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const intList = (min: number, max: number, signed = false) => (v: string) =>
  v.split(',').every((x) => {
    if (!/^[+-]?\d{1,3}$/.test(x)) return false;
    const n = Number(x);
    return (signed || n >= 0) && Math.abs(n) >= min && Math.abs(n) <= max && !(signed && n === 0);
  });

/** RRULE parts we accept and how each value is checked (RFC 5545 §3.3.10). */
const PARTS: Record<string, (v: string) => boolean> = {
  FREQ: (v) => ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(v),
  INTERVAL: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1,
  COUNT: (v) => /^\d{1,5}$/.test(v) && Number(v) >= 1,
  UNTIL: (v) => validStamp(v),
  BYDAY: (v) => v.split(',').every((x) => new RegExp(`^([+-]?[1-5]?\\d)?${DAY}$`).test(x) && !/^[+-]?0/.test(x)),
  BYMONTHDAY: intList(1, 31, true),
  BYYEARDAY: intList(1, 366, true),
  BYWEEKNO: intList(1, 53, true),
  BYMONTH: intList(1, 12),
  BYSETPOS: intList(1, 366, true),
  BYHOUR: intList(0, 23),
  BYMINUTE: intList(0, 59),
  WKST: (v) => new RegExp(`^${DAY}$`).test(v),
};

/** YYYYMMDD or YYYYMMDDTHHMMSS[Z], with every field in range (no silent roll-over of month 13). */
function validStamp(v: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(v);
  if (!m) return false;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1);
  const t = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +se));
  return t.getUTCFullYear() === +y && t.getUTCMonth() === +mo - 1 && t.getUTCDate() === +d && t.getUTCHours() === +h && t.getUTCMinutes() === +mi && t.getUTCSeconds() === +se;
}

/** Check the text strictly before handing it to `rrule`, which silently repairs or loops on bad input. */
function checkSyntax(source: string, field: string): void {
  const lines = source.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const dtstart = lines.filter((l) => l.startsWith('DTSTART'));
  const rrule = lines.filter((l) => l.startsWith('RRULE:'));
  const other = lines.filter((l) => !l.startsWith('DTSTART') && !l.startsWith('RRULE:'));
  if (dtstart.length !== 1) throw new InputError(field, 'must have exactly one DTSTART line, e.g. "DTSTART;TZID=Europe/Copenhagen:20260112T140000"');
  if (rrule.length !== 1) throw new InputError(field, 'must have exactly one RRULE line');
  if (other.length) throw new InputError(field, `has an unsupported line "${other[0].slice(0, 40)}"`);
  const ds = /^DTSTART(?:;TZID=([A-Za-z0-9_+\-/]+))?:(\S+)$/.exec(dtstart[0]);
  if (!ds || !validStamp(ds[2])) throw new InputError(field, 'has an invalid DTSTART (expected YYYYMMDDTHHMMSS, every field in range)');
  const seen = new Set<string>();
  for (const part of rrule[0].slice('RRULE:'.length).split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || value === undefined || extra !== undefined) throw new InputError(field, `has a malformed RRULE part "${part.slice(0, 40)}"`);
    if (!(key in PARTS)) throw new InputError(field, `has an unsupported RRULE part ${key}`);
    if (seen.has(key)) throw new InputError(field, `repeats the RRULE part ${key}`);
    seen.add(key);
    if (!PARTS[key](value)) throw new InputError(field, `has an invalid RRULE ${key} "${value.slice(0, 40)}"`);
  }
  if (!seen.has('FREQ')) throw new InputError(field, 'RRULE must have a FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (seen.has('COUNT') && seen.has('UNTIL')) throw new InputError(field, 'RRULE must not have both COUNT and UNTIL');
}

export function parseRecurrence(text: string, field = 'recurrence', defaultTimeZone = 'Europe/Copenhagen'): ParsedRecurrence {
  const source = text.trim().replace(/\\n/g, '\n');
  if (source.length > 2000) throw new InputError(field, 'must be at most 2000 characters');
  checkSyntax(source, field);
  let parsed: RRule;
  try {
    parsed = rrulestr(source, { forceset: false }) as RRule;
    if (!(parsed instanceof RRule)) throw new Error('one RRULE expected');
  } catch (e) {
    throw new InputError(field, `is not a valid RFC 5545 recurrence (${e instanceof Error ? e.message : String(e)})`);
  }
  const timeZone = parsed.options.tzid ?? defaultTimeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new InputError(field, `has an unknown time zone ${timeZone}`);
  }
  // Recompute in floating time: same fields, no tzid.
  const rule = new RRule({ ...parsed.origOptions, tzid: null });
  // A rule that never occurs (e.g. 31 February) schedules nothing; look five years ahead (a 29 February rule occurs within four).
  const start = rule.options.dtstart;
  const horizon = new Date(start.getTime() + 5 * 366 * 24 * 3600_000);
  let found = false;
  rule.between(start, horizon, true, () => ((found = true), false));
  if (!found) throw new InputError(field, 'never occurs within five years of DTSTART');
  return { rule, timeZone };
}

/** Occurrence start instants within [from, to] (instants), at most `limit`. */
export function occurrences(rec: ParsedRecurrence, from: Date, to: Date, limit = 1000): Date[] {
  const wallFrom = instantToWallTime(from, rec.timeZone);
  const wallTo = instantToWallTime(to, rec.timeZone);
  const out: Date[] = [];
  rec.rule.between(wallFrom, wallTo, true, (d) => {
    out.push(wallTimeToInstant(d, rec.timeZone));
    return out.length < limit;
  });
  return out;
}
