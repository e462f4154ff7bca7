/**
 * Every way into the data carries an explicit authorization decision:
 * - every Query and Mutation field is guarded by @Authorized (authenticated, or a permission);
 * - every object type has a read policy (src/auth/scope.ts) or is a wrapper whose content is policed;
 * - on types that can be confidential, every text field is either redacted by a resolver that checks
 *   the reader's legal basis, or explicitly declared non-sensitive here.
 * Adding a field or type without deciding its access makes this test fail.
 */
import assert from 'node:assert/strict';
import { GraphQLObjectType, getNamedType, isObjectType, isScalarType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { schema } from '../src/schema';
import { READ_POLICY } from '../src/auth/scope';

/** Types whose only content is other types (each with its own policy). */
const WRAPPERS = /^(\w+Connection|\w+Edge|PageInfo|BoundedCount|CreatedApiKey|CreatedWebhookSubscription|CreatedWebhookSecret|CreatedCalendarFeed|MeetingChange|Query|Mutation|Subscription)$/;

/** Text fields redacted for readers without a legal basis (resolved by a field resolver that checks). */
const CONFIDENTIAL_FIELDS: Record<string, string[]> = {
  AgendaItem: ['title', 'description', 'outcomeNotes', 'concernedPeople'],
  Decision: ['text'],
  ActionItem: ['title', 'description'],
  ActionItemEvent: ['comment'],
  DecisionStatusChange: ['comment'],
  MinutesAmendment: ['before', 'after'],
};

/** Scalar fields on those types that carry no confidential content (decided, not forgotten). */
const NOT_SENSITIVE: Record<string, string[]> = {
  AgendaItem: ['id', 'position', 'kind', 'status', 'confidential', 'redacted', 'plannedMinutes', 'createdAt', 'updatedAt', 'version'],
  Decision: ['id', 'status', 'decidedAt', 'reviewDate', 'caseNumber', 'kleNumber', 'confidential', 'redacted', 'createdAt', 'updatedAt', 'version'],
  ActionItem: ['id', 'origin', 'status', 'dueDate', 'closedAt', 'overdue', 'confidential', 'redacted', 'createdAt', 'updatedAt', 'version'],
  ActionItemEvent: ['id', 'at', 'kind', 'fromStatus', 'toStatus', 'fromValue', 'toValue'],
  DecisionStatusChange: ['id', 'at', 'fromStatus', 'toStatus'],
  MinutesAmendment: ['id', 'reason', 'target', 'targetId', 'createdAt', 'updatedAt', 'version'],
};

describe('authorization coverage', () => {
  it('guards every Query and Mutation field with @Authorized', async () => {
    await schema();
    const storage = getMetadataStorage();
    const guarded = new Set(storage.authorizedFields.map((a) => `${a.target.name}.${a.fieldName}`));
    const operations = [...storage.queries, ...storage.mutations];
    assert.ok(operations.length > 40, 'the operations were found');
    const open = operations.filter((o) => !guarded.has(`${o.target.name}.${o.methodName}`)).map((o) => `${o.target.name}.${o.methodName}`);
    assert.deepEqual(open, [], `operations without an authorization decision: ${open.join(', ')}`);
  });

  it('gives every object type in the schema a read policy (or it only wraps policed types)', async () => {
    const s = await schema();
    const missing = Object.values(s.getTypeMap())
      .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
      .filter((t) => !WRAPPERS.test(t.name) && !READ_POLICY[t.name])
      .map((t) => t.name);
    assert.deepEqual(missing, [], `object types without a read policy in src/auth/scope.ts: ${missing.join(', ')}`);
  });

  it('decides for every field of a confidential type whether it is redacted', async () => {
    const s = await schema();
    const storage = getMetadataStorage();
    for (const [typeName, confidential] of Object.entries(CONFIDENTIAL_FIELDS)) {
      const type = s.getType(typeName) as GraphQLObjectType;
      assert.ok(type, typeName);
      for (const [name, field] of Object.entries(type.getFields())) {
        const named = getNamedType(field.type);
        if (!isScalarType(named) && !confidential.includes(name)) continue; // objects carry their own policy
        const decided = confidential.includes(name) || NOT_SENSITIVE[typeName].includes(name);
        assert.ok(decided, `${typeName}.${name}: declare it confidential (redacting resolver) or not sensitive`);
      }
      for (const name of confidential) {
        const resolver = storage.fieldResolvers.find((f) => f.getObjectType?.()?.name === typeName && f.schemaName === name);
        assert.ok(resolver, `${typeName}.${name} must be resolved by a field resolver that checks the legal basis`);
      }
    }
  });
});
