/**
 * Relay connections over lists computed in memory (network measures, ranked contacts, proposals). The
 * cursor is the item's unique key in the list's order, so paging is stable as long as the list is.
 */
import { ConnectionArgs, ConnectionResult, decodeCursor, encodeCursor, pageWindow } from '../common/pagination';
import { InputError } from '../common/errors';

const KEY = [{ expr: 'key', dir: 'ASC' as const, type: 'text' as const }];

export function arrayConnection<T>(items: T[], args: ConnectionArgs, keyOf: (t: T) => string): ConnectionResult<T> {
  const w = pageWindow(args, KEY);
  const indexOf = (cursor: string[], field: string) => {
    const i = items.findIndex((t) => keyOf(t) === cursor[0]);
    if (i < 0) throw new InputError(field, 'is not a cursor of this list');
    return i;
  };
  let from = 0;
  let to = items.length;
  if (w.after) from = indexOf(w.after, 'after') + 1;
  if (w.before) to = indexOf(w.before, 'before');
  const slice = items.slice(from, Math.max(from, to));
  const page = w.reverse ? slice.slice(Math.max(0, slice.length - w.limit)) : slice.slice(0, w.limit);
  const more = slice.length > w.limit;
  const edges = page.map((node) => ({ cursor: encodeCursor([keyOf(node)]), node }));
  return new ConnectionResult(
    edges,
    {
      hasNextPage: w.reverse ? to < items.length : more,
      hasPreviousPage: w.reverse ? more : from > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    async () => items.length,
  );
}

export { decodeCursor };
