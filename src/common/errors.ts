/**
 * Every expected failure is one of these typed errors with a stable `extensions.code`.
 * They are mapped to GraphQL errors in one place (formatError in server.ts); anything
 * else is logged and masked as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

/** Bad input: names the field (dotted path inside the input) and the reason. */
export class InputError extends DomainError {
  constructor(field: string, reason: string) {
    super('BAD_USER_INPUT', `${field}: ${reason}`, { field, reason });
  }
}

export class NotFoundError extends DomainError {
  constructor(type: string, id: string, field?: string) {
    super('NOT_FOUND', `${field ? field + ': ' : ''}${type} ${id} does not exist`, { type, id, ...(field ? { field } : {}) });
  }
}

/** The request is well formed but clashes with the record's state (frozen minutes, state machine). */
export class ConflictError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('CONFLICT', message, extra);
  }
}
