/** Wall-clock time in a named time zone (Europe/Copenhagen) to and from instants, DST-aware. */

function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - at.getTime()) / 60000);
}

/** The instant at which the clocks in `timeZone` show the given wall time (the UTC fields of `wall`). */
export function wallTimeToInstant(wall: Date, timeZone: string): Date {
  const guess = wall.getTime();
  let instant = guess - offsetMinutes(new Date(guess), timeZone) * 60000;
  // Re-check with the offset in force at the instant found (DST transitions).
  instant = guess - offsetMinutes(new Date(instant), timeZone) * 60000;
  return new Date(instant);
}

/** The wall time shown in `timeZone` at `instant`, as a Date whose UTC fields are that wall time. */
export function instantToWallTime(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60000);
}
