/** GraphQL types of the network map (computed, not stored). Each carries its partnership for the read policy. */
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { LocalDateScalar } from '../common/scalars';
import { FallenOut, ForumGap, Network, OrgNode } from './network.service';

@ObjectType({ description: "Counts as in a mapping report: nodes, and how they connect." })
export class NetworkCounts {
  partnershipId: string;
  @Field(() => Int, { description: 'Organisations in the network on the day: member organisations, and any organisation with a seat or taking part in an activity.' }) organisations: number;
  @Field(() => Int) forums: number;
  @Field(() => Int, { description: 'Activities running on the day.' }) activities: number;
  @Field(() => Int, { description: 'Organisation–forum edges (an organisation with one or more seats in a forum).' }) memberships: number;
  @Field(() => Int, { description: 'Seats (people on behalf of organisations) in the forums.' }) seats: number;
  @Field(() => Int, { description: 'Organisation–activity edges (lead or participant).' }) participations: number;
  @Field(() => Int, { description: 'Activity–forum edges (the forum an activity reports to).' }) reportingLines: number;
  @Field(() => Int) edges: number;
  @Field(() => Int) organisationsInForums: number;
  @Field(() => Int) organisationsInActivities: number;
}

@ObjectType({ description: "An organisation's place in the network." })
export class NetworkOrganisation {
  partnershipId: string;
  node: OrgNode;
  @Field({ description: 'Its node id in the graph JSON and GraphML.' }) graphNodeId: string;
  @Field(() => Int, { description: 'Forums and activities it is linked to (its edges).' }) degree: number;
  @Field(() => Float, { description: 'Betweenness centrality, unnormalised, each pair of nodes counted once (networkx normalized=False).' }) betweenness: number;
  @Field(() => Float, { description: 'Betweenness centrality normalised by (n−1)(n−2)/2 (networkx default).' }) betweennessNormalized: number;
  @Field({ description: 'Has seats in both a strategic and an operational forum.' }) bridgesStrategicAndOperational: boolean;
  @Field(() => Int) forumCount: number;
  @Field(() => Int) activityCount: number;
}

@ObjectType({ description: 'A forum whose reporting activities have none of their organisations at its table.' })
export class NetworkForumGap {
  partnershipId: string;
  gap: ForumGap;
}

@ObjectType({ description: 'An organisation that had a seat in the partnership\'s forums and has none on the day.' })
export class NetworkFallenOut {
  partnershipId: string;
  gap: FallenOut;
  @Field(() => LocalDateScalar, { description: 'Last day of its last seat.' }) lastSeatEndedOn: string;
}

@ObjectType()
export class NetworkGaps {
  partnershipId: string;
  net: Network;
}

export enum NetworkOrganisationOrder {
  BETWEENNESS = 'betweenness',
  DEGREE = 'degree',
  NAME = 'name',
}
registerEnumType(NetworkOrganisationOrder, { name: 'NetworkOrganisationOrder' });

@ObjectType({ description: 'The partnership as a network of organisations, forums and activities on a day.' })
export class NetworkMap {
  partnershipId: string;
  net: Network;
  @Field(() => LocalDateScalar) asOf: string;
  @Field(() => NetworkCounts) counts: NetworkCounts;
  @Field(() => GraphQLJSONObject, {
    description: "The whole graph in graphology's serialisation format ({ attributes, options, nodes: [{ key, attributes }], edges: [{ key, source, target, attributes }] }), for a front end (sigma.js, graphology).",
  })
  graph: Record<string, unknown>;
  @Field({ description: 'The whole graph as GraphML (Gephi, yEd, networkx), also at GET /network/<partnershipId>.graphml.' }) graphml: string;
}
