/**
 * GraphQL execution compiled per document (graphql-jit), plugged into Apollo Server through its
 * gateway interface (the supported way to replace `execute`).
 *
 * graphql-js interprets the document on every request: for each field it looks up the definition,
 * coerces arguments, checks for promises and completes the value by type. graphql-jit compiles a
 * document once into a function that does only what that document needs. Apollo still parses,
 * validates (including this API's depth and cost rules), runs the plugins and formats errors; only
 * execution changes.
 *
 * A document is compiled from its second execution on (JIT_THRESHOLD; one-off documents are not worth compiling),
 * and at most JIT_CACHE_MAX (default 500) compiled documents are kept, least recently used first out.
 * JIT=0 runs every document through graphql-js.
 */
import { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, execute, getOperationAST, printSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';

export interface JitOptions {
  enabled?: boolean;
  max?: number;
  /** Compile a document at its n-th execution (default JIT_THRESHOLD or 2). */
  threshold?: number;
}

export function jitEnabledByEnv(): boolean {
  return process.env.JIT !== '0';
}

/** Executes documents, compiling the ones that are used again. */
export class JitExecutor {
  private compiled = new Map<string, CompiledQuery | null>();
  private seen = new Map<string, number>();
  private readonly max: number;
  private readonly threshold: number;
  private readonly enabled: boolean;

  constructor(
    private readonly schema: GraphQLSchema,
    opts: JitOptions = {},
  ) {
    this.enabled = opts.enabled ?? jitEnabledByEnv();
    this.max = opts.max ?? Math.max(1, Number(process.env.JIT_CACHE_MAX || 500));
    this.threshold = opts.threshold ?? Math.max(1, Number(process.env.JIT_THRESHOLD || 2));
  }

  async run(document: DocumentNode, key: string, operationName: string | null | undefined, contextValue: unknown, variables: Record<string, unknown> | undefined): Promise<ExecutionResult> {
    const compiled = this.enabled ? this.compiledFor(document, `${key}|${operationName ?? ''}`, operationName) : null;
    if (compiled) {
      let result: ExecutionResult | undefined;
      try {
        result = await compiled.query(undefined, contextValue, variables ?? {});
      } catch (e) {
        // Only graphql-jit's own variable handling throws (resolver errors become result errors): e.g. a
        // variable nested 100,000 deep overflows its recursion. graphql-js refuses such input properly.
        // A mutation is never run a second time, whatever threw.
        if (getOperationAST(document, operationName)?.operation !== 'query') throw e;
        result = undefined;
      }
      // No data at all: the variables were refused before execution. graphql-js words those errors the
      // way Apollo recognises (BAD_USER_INPUT, naming the variable), so it answers them.
      if (result && result.data !== undefined) return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
    }
    return execute({ schema: this.schema, document, contextValue, variableValues: variables, operationName });
  }

  /** How many documents are compiled (tests, metrics). */
  size(): number {
    return [...this.compiled.values()].filter(Boolean).length;
  }

  private compiledFor(document: DocumentNode, key: string, operationName: string | null | undefined): CompiledQuery | null {
    const hit = this.compiled.get(key);
    if (hit !== undefined) {
      // Most recently used last.
      this.compiled.delete(key);
      this.compiled.set(key, hit);
      return hit;
    }
    const uses = (this.seen.get(key) ?? 0) + 1;
    if (uses < this.threshold) {
      if (this.seen.size >= this.max * 10) this.seen.clear();
      this.seen.set(key, uses);
      return null;
    }
    this.seen.delete(key);
    const result = compileQuery(this.schema, document, operationName ?? undefined);
    // A document graphql-jit refuses to compile runs through graphql-js (null remembered, not retried).
    const compiled = isCompiledQuery(result) ? result : null;
    this.compiled.set(key, compiled);
    if (this.compiled.size > this.max) this.compiled.delete(this.compiled.keys().next().value as string);
    return compiled;
  }
}

/**
 * graphql-jit's errors carry message, locations, path and the original error, but no `extensions`
 * (Apollo reads `error.extensions.code`): rebuilt as graphql-js builds them (extensions from the
 * original error, as `locatedError` does).
 */
function asGraphQLError(e: GraphQLError): GraphQLError {
  if (e.extensions && Object.getPrototypeOf(e) === GraphQLError.prototype) return e;
  const copy = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.originalError ? undefined : e.extensions });
  Object.defineProperty(copy, 'locations', { value: e.locations, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** An Apollo Server gateway that serves one fixed schema and executes with JitExecutor. */
export function jitGateway(schema: GraphQLSchema, opts: JitOptions = {}): { gateway: GatewayInterface; executor: JitExecutor } {
  const jit = new JitExecutor(schema, opts);
  const executor: GatewayExecutor = (rc) => jit.run(rc.document, rc.queryHash, rc.operationName, rc.context, rc.request.variables) as ReturnType<GatewayExecutor>;
  const gateway: GatewayInterface = {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
  return { gateway, executor: jit };
}
