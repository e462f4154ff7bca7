/**
 * Read the record through the GraphQL schema itself, as the request's principal. Documents built
 * from the record (minutes, spreadsheets) use this so they show a reader exactly what the API shows
 * them: the same read scoping, the same redaction of confidential content, the same filters and
 * validation, and the same follow-up lists.
 */
import { DocumentNode, GraphQLError, execute, parse } from 'graphql';
import { Ctx } from '../context';
import { DomainError, ErrorCode } from './errors';
import { formatError } from '../server';
import { schema } from '../schema';

const parsed = new Map<string, DocumentNode>();

/** An error from an internal query, with the code and message a GraphQL client would have seen. */
export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The HTTP status for a document endpoint. */
  get status(): number {
    const byCode: Partial<Record<ErrorCode | string, number>> = {
      BAD_USER_INPUT: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
    };
    return byCode[this.code] ?? 500;
  }
}

/** Run a query document (cached after the first parse) and return its data; the first error is thrown as a QueryError. */
export async function queryAs<T>(ctx: Ctx, source: string, variables: Record<string, unknown> = {}): Promise<T> {
  let document = parsed.get(source);
  if (!document) {
    document = parse(source);
    parsed.set(source, document);
  }
  const result = await execute({ schema: await schema(), document, contextValue: ctx, variableValues: variables });
  if (result.errors?.length) {
    const error = result.errors[0];
    // Errors of the request itself (variables that do not fit their types) are the caller's input, as in Apollo.
    if (!error.originalError && !error.path) throw new QueryError('BAD_USER_INPUT', error.message);
    const log = (m: string, e?: unknown) => console.error(m, e ?? '');
    const formatted = formatError(error.toJSON(), error, log);
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const { code: _c, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    throw new QueryError(code, formatted.message, extensions);
  }
  return result.data as T;
}

/** A QueryError for a domain error raised outside a query (same codes). */
export function queryErrorOf(e: unknown): QueryError | null {
  if (e instanceof QueryError) return e;
  if (e instanceof DomainError) return new QueryError(e.code, e.message, e.extensions as Record<string, unknown>);
  if (e instanceof GraphQLError && typeof e.extensions?.code === 'string') return new QueryError(e.extensions.code, e.message);
  return null;
}
