/** Builds the GraphQL schema from the resolvers; `npm run schema:emit` writes it to schema.graphql. */
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { entities } from './entities';
import { authChecker } from './auth/auth-checker';
import { validateArgs } from './common/validate-args';
import { ConnectionType } from './common/pagination';
import { DecisionResponsibility } from './decision/decision.entity';
import { IdempotencyKey } from './audit/audit.entity';
import { AgendaItemSubject } from './agenda/agenda-item-subject.entity';
import { NodeResolver } from './node/node.resolver';
import { OrganisationResolver } from './organisation/organisation.resolver';
import { AffiliationResolver, PersonResolver } from './person/person.resolver';
import { PartnershipMemberResolver, PartnershipResolver } from './partnership/partnership.resolver';
import { ForumMemberResolver, ForumResolver } from './forum/forum.resolver';
import { AttendanceResolver, MeetingResolver, MinutesAmendmentResolver } from './meeting/meeting.resolver';
import { AgendaItemResolver } from './agenda/agenda.resolver';
import { DecisionResolver, DecisionStatusChangeResolver } from './decision/decision.resolver';
import { ActionItemEventResolver, ActionItemResolver } from './action-item/action-item.resolver';
import { PartnershipAccessListResolver, PartnershipAccessResolver } from './auth/access.resolver';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { AuditResolver, ConfidentialReadResolver } from './audit/audit.resolver';
import { ChangeFeedResolver } from './change-feed/change-feed.resolver';
import { WebhookDeliveryResolver, WebhookSecretResolver, WebhookSubscriptionResolver } from './webhook/webhook.resolver';
import { ChangeEvent } from './change-feed/change-event.entity';
import { CalendarFeedResolver } from './calendar/calendar.resolver';
import { MailResolver } from './mail/mail.resolver';
import { LiveResolver, pubSub } from './live/live.resolver';
import { ActivityParticipantResolver, ActivityResolver, ForumActivitiesResolver, OrganisationActivitiesResolver } from './activity/activity.resolver';
import { NetworkFallenOutResolver, NetworkForumGapResolver, NetworkGapsResolver, NetworkOrganisationResolver, NetworkResolver, PartnershipNetworkResolver } from './network/network.resolver';
import { ContactReasonResolver, ContactResolver } from './contact/contact.resolver';
import { OverlapResolver } from './overlap/overlap.resolver';
import { IncidentDashboardResolver, IncidentResolver, IncidentUpdateResolver, ProposedIncidentActorResolver } from './incident/incident.resolver';
import { IncidentMeeting } from './incident/incident.entity';
import { OverlapHandling } from './overlap/overlap.entity';
import { installFastPaths } from './common/fast-path';
import { installDirectResolvers } from './common/direct-resolvers';

export const resolvers = [
  NodeResolver,
  OrganisationResolver,
  PersonResolver,
  AffiliationResolver,
  PartnershipResolver,
  PartnershipMemberResolver,
  ForumResolver,
  ForumMemberResolver,
  MeetingResolver,
  AttendanceResolver,
  MinutesAmendmentResolver,
  AgendaItemResolver,
  DecisionResolver,
  DecisionStatusChangeResolver,
  ActionItemResolver,
  ActionItemEventResolver,
  PartnershipAccessResolver,
  PartnershipAccessListResolver,
  ApiKeyResolver,
  AuditResolver,
  ConfidentialReadResolver,
  ChangeFeedResolver,
  WebhookSubscriptionResolver,
  WebhookSecretResolver,
  WebhookDeliveryResolver,
  CalendarFeedResolver,
  MailResolver,
  LiveResolver,
  ActivityResolver,
  ActivityParticipantResolver,
  OrganisationActivitiesResolver,
  ForumActivitiesResolver,
  NetworkResolver,
  PartnershipNetworkResolver,
  NetworkOrganisationResolver,
  NetworkGapsResolver,
  NetworkForumGapResolver,
  NetworkFallenOutResolver,
  ContactResolver,
  ContactReasonResolver,
  OverlapResolver,
  IncidentResolver,
  IncidentDashboardResolver,
  ProposedIncidentActorResolver,
  IncidentUpdateResolver,
] as const;

let cached: Promise<GraphQLSchema> | null = null;

export function schema(): Promise<GraphQLSchema> {
  // Connection types are generated classes; they must exist before type-graphql reads its metadata.
  // Entities that are not GraphQL types (bookkeeping tables such as the mail outbox) get no connection.
  const graphqlTypes = new Set(getMetadataStorage().objectTypes.map((t) => t.target));
  for (const entity of entities) {
    if (entity !== DecisionResponsibility && entity !== IdempotencyKey && entity !== AgendaItemSubject && entity !== ChangeEvent && entity !== IncidentMeeting && entity !== OverlapHandling && graphqlTypes.has(entity)) ConnectionType(entity as new () => object);
  }
  cached ??= buildSchema({
    resolvers,
    // class-validator checks input decorators (lengths, e-mails); see validate-args.ts.
    validateFn: validateArgs,
    authChecker,
    authMode: 'error',
    pubSub,
  }).then((built) => {
    // Direct calls first: a fast path falls back to its field's resolver, which is then the direct one.
    installDirectResolvers(built);
    installFastPaths(built);
    return built;
  });
  return cached;
}

export async function printedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await schema()));
}
