/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a string with one would fail deep in a
 * statement. Such input is refused before anything executes, as BAD_USER_INPUT naming where it was
 * (the variable path, or `query` for a literal in the document), HTTP 400.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

function findNul(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (!v || typeof v !== 'object' || depth > 50) return null;
  for (const [k, x] of Object.entries(v)) {
    const found = findNul(x, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return null;
}

export function nulGuardPlugin(): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const field = rc.request.query?.includes('\u0000') || rc.request.query?.includes('\\u0000') ? 'query' : findNul(rc.request.variables, '');
          if (field) {
            throw new GraphQLError(`${field}: must not contain the NUL character (U+0000)`, {
              extensions: { code: 'BAD_USER_INPUT', field, reason: 'must not contain the NUL character (U+0000)', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
