/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the HTTP server's /graphql path.
 * The connection authenticates once with connectionParams `{ authorization: "Bearer …" }` (or
 * `{ "x-api-key": "prk_…" }`), checked by the same Authenticator as HTTP requests; anonymous and bad
 * credentials are refused (close code 4403). Only subscriptions are served here: queries and
 * mutations go over HTTP (rate limits, idempotency). Each subscription gets its own context.
 */
import type http from 'node:http';
import { DocumentNode, ExecutionArgs, GraphQLError, GraphQLSchema, ValidationRule, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { DataSource } from 'typeorm';
import { createContext, Ctx } from '../context';
import { Principal } from '../auth/principal';
import { flushConfidentialReads } from '../auth/confidential';
import { closeEvents, openEvents } from './live.resolver';

export interface LiveOptions {
  schema: GraphQLSchema;
  dataSource: DataSource;
  authenticate?: (headers: http.IncomingHttpHeaders) => Promise<Principal>;
  timeZone?: string;
  validationRules?: ValidationRule[];
  formatError?: (e: GraphQLError) => GraphQLError | { message: string; extensions?: Record<string, unknown> };
  log?: (m: string, e?: unknown) => void;
}

export function attachSubscriptions(httpServer: http.Server, opts: LiveOptions): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  openEvents(opts.dataSource, opts.log);
  const rules = [...specifiedRules, ...(opts.validationRules ?? [])];
  const server = useServer<Record<string, unknown> | undefined, { principal?: Principal }>(
    {
      schema: opts.schema,
      onConnect: async (c) => {
        const params = c.connectionParams ?? {};
        const headers: http.IncomingHttpHeaders = {};
        const auth = params.authorization ?? params.Authorization;
        const key = params['x-api-key'] ?? params['X-Api-Key'];
        if (typeof auth === 'string') headers.authorization = auth;
        if (typeof key === 'string') headers['x-api-key'] = key;
        try {
          const principal = opts.authenticate ? await opts.authenticate(headers) : ({ kind: 'anonymous' } as Principal);
          if (principal.kind === 'anonymous') return false;
          c.extra.principal = principal;
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (c, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: 5_000 });
        } catch (e) {
          return [new GraphQLError((e as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(opts.schema, document, rules);
        if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions } }));
        const op = getOperationAST(document, payload.operationName);
        if (op?.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const contextValue: Ctx = createContext(opts.dataSource, { principal: c.extra.principal!, timeZone: opts.timeZone });
        const args: ExecutionArgs = { schema: opts.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
        return args;
      },
      onNext: async (_c, _id, _payload, args, result) => {
        await flushConfidentialReads(args.contextValue as Ctx);
        if (result.errors?.length && opts.formatError) {
          return { ...result, errors: result.errors.map((e) => opts.formatError!(e as GraphQLError)) } as never;
        }
      },
      onError: (_c, _id, _payload, errors) => {
        if (opts.formatError) return errors.map((e) => opts.formatError!(e)) as never;
      },
    },
    wss,
  );
  return {
    async dispose() {
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeEvents(opts.dataSource);
    },
  };
}
