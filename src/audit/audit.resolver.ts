import { Arg, Args, Authorized, Ctx as GqlCtx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { REDACTED } from '../auth/confidential';
import { redactChanges } from './redact';
import { Ctx } from '../context';
import { ConnectionArgs, ConnectionType, Sql } from '../common/pagination';
import { connection } from '../common/connection';
import { Permission } from '../auth/access';
import { Person } from '../person/person.entity';
import { ApiKey } from '../api-key/api-key.entity';
import { Partnership } from '../partnership/partnership.entity';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { AuditEntry, ConfidentialRead } from './audit.entity';
import { Audited } from './audit';
import { privacyService } from './privacy.service';

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'Type of object, e.g. "ActionItem".' }) entity?: string | null;
  @Field(() => ID, { nullable: true }) entityId?: string | null;
  @Field(() => ID, { nullable: true }) actorPersonId?: string | null;
  @Field(() => ID, { nullable: true }) actorApiKeyId?: string | null;
  @Field(() => ID, { nullable: true }) partnershipId?: string | null;
  @Field(() => String, { nullable: true, description: 'The mutation, e.g. "changeActionItemStatus".' }) action?: string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Exclusive.' }) to?: Date | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Permission.ADMINISTER)
  @Query(() => ConnectionType(AuditEntry), { description: 'The audit trail, newest first: one entry per mutation. Administrators only.' })
  auditTrail(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter) {
    const f = filter ?? {};
    const sql = new Sql();
    const where: string[] = [];
    if (f.entity) where.push(`au.entity = ${sql.p(f.entity)}`);
    if (f.entityId) where.push(`au.entity_id = ${sql.id(f.entityId, 'entityId')}`);
    if (f.actorPersonId) where.push(`au.actor_person_id = ${sql.id(f.actorPersonId, 'actorPersonId')}`);
    if (f.actorApiKeyId) where.push(`au.actor_api_key_id = ${sql.id(f.actorApiKeyId, 'actorApiKeyId')}`);
    if (f.partnershipId) where.push(`au.partnership_id = ${sql.id(f.partnershipId, 'partnershipId')}`);
    if (f.action) where.push(`au.action = ${sql.p(f.action)}`);
    if (f.from) where.push(`au.at >= ${sql.p(f.from.toISOString(), 'timestamptz')}`);
    if (f.to) where.push(`au.at < ${sql.p(f.to.toISOString(), 'timestamptz')}`);
    return connection(ctx, AuditEntry, {
      from: 'audit_entry au',
      where,
      sql,
      sort: [
        { expr: 'au.seq', dir: 'DESC', type: 'bigint' },
        { expr: 'au.id', dir: 'DESC', type: 'uuid' },
      ],
    }, args);
  }

  @Authorized(Permission.ADMINISTER)
  @Query(() => ConnectionType(ConfidentialRead), { description: 'Who read confidential content, newest first. Administrators only.' })
  confidentialReads(
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('agendaItemId', () => ID, { nullable: true }) agendaItemId?: string,
    @Arg('readerId', () => ID, { nullable: true }) readerId?: string,
  ) {
    const sql = new Sql();
    const where: string[] = [];
    if (agendaItemId) where.push(`cr.agenda_item_id = ${sql.id(agendaItemId, 'agendaItemId')}`);
    if (readerId) where.push(`cr.person_id = ${sql.id(readerId, 'readerId')}`);
    return connection(ctx, ConfidentialRead, {
      from: 'confidential_read cr',
      where,
      sql,
      sort: [
        { expr: 'cr.at', dir: 'DESC', type: 'timestamptz' },
        { expr: 'cr.id', dir: 'DESC', type: 'uuid' },
      ],
    }, args);
  }

  @Authorized(Permission.ADMINISTER)
  @Query(() => GraphQLJSONObject, { description: 'Everything the record holds about a person (data-subject access request). Administrators only.' })
  personDataExport(@GqlCtx() ctx: Ctx, @Arg('personId', () => ID) personId: string) {
    return privacyService.exportPerson(ctx, personId);
  }

  @Authorized(Permission.ADMINISTER)
  @UseMiddleware(Audited)
  @Mutation(() => Person, { description: "Erase a person's personal data; responsibilities and history stay. Administrators only." })
  erasePerson(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('reason') reason: string) {
    return privacyService.erasePerson(ctx, id, reason);
  }

  @FieldResolver(() => GraphQLJSON, {
    description: `Every row the mutation wrote: entity, id, op, and the changed fields before and after. Text of confidential records shows "${REDACTED}" unless you have a legal basis in their forum.`,
  })
  changes(@Root() a: AuditEntry, @GqlCtx() ctx: Ctx) {
    return redactChanges(ctx, a.changes);
  }

  @FieldResolver(() => Person, { nullable: true })
  actorPerson(@Root() a: AuditEntry, @GqlCtx() ctx: Ctx) {
    return a.actorPersonId ? ctx.loaders.entity(Person).load(a.actorPersonId) : null;
  }

  @FieldResolver(() => ApiKey, { nullable: true })
  actorApiKey(@Root() a: AuditEntry, @GqlCtx() ctx: Ctx) {
    return a.actorApiKeyId ? ctx.loaders.entity(ApiKey).load(a.actorApiKeyId) : null;
  }

  @FieldResolver(() => Partnership, { nullable: true })
  partnership(@Root() a: AuditEntry, @GqlCtx() ctx: Ctx) {
    return a.partnershipId ? ctx.loaders.entity(Partnership).load(a.partnershipId) : null;
  }
}

@Resolver(() => ConfidentialRead)
export class ConfidentialReadResolver {
  @FieldResolver(() => Person, { nullable: true })
  reader(@Root() r: ConfidentialRead, @GqlCtx() ctx: Ctx) {
    return r.personId ? ctx.loaders.entity(Person).load(r.personId) : null;
  }

  @FieldResolver(() => AgendaItem, { nullable: true })
  agendaItem(@Root() r: ConfidentialRead, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(AgendaItem).load(r.agendaItemId);
  }
}
