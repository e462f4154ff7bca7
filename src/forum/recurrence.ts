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

export function parseRecurrence(text: string, field = 'recurrence', defaultTimeZone = 'Europe/Copenhagen'): ParsedRecurrence {
  const source = text.trim().replace(/\\n/g, '\n');
  if (!/^DTSTART/m.test(source)) {
    throw new InputError(field, 'must start with DTSTART, e.g. "DTSTART;TZID=Europe/Copenhagen:20260112T140000\\nRRULE:FREQ=MONTHLY;BYDAY=2MO"');
  }
  if (!/^RRULE:/m.test(source)) throw new InputError(field, 'must contain an RRULE line');
  let parsed: RRule;
  try {
    parsed = rrulestr(source, { forceset: false }) as RRule;
    if (!(parsed instanceof RRule)) throw new Error('one RRULE expected');
    // rrule accepts some garbage silently; insist on a frequency and a valid start.
    if (parsed.options.freq == null || Number.isNaN(parsed.options.dtstart?.getTime())) throw new Error('no FREQ');
    parsed.after(parsed.options.dtstart, true);
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
