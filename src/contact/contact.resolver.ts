import { Arg, Args, Authorized, Ctx as GqlCtx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType } from 'type-graphql';
import { Ctx } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { JointActivity } from '../activity/activity.entity';
import { arrayConnection } from '../network/array-connection';
import { Contact, Reason, ReasonKind, whomToContact } from './contact.service';

registerEnumType(ReasonKind, { name: 'ContactReasonKind' });

@ObjectType({ description: 'Why a contact matched.' })
export class ContactReason {
  partnershipId: string;
  activityId?: string | null;
  forumId?: string | null;
  @Field(() => ReasonKind) kind: ReasonKind;
  @Field() text: string;
  @Field(() => Int, { description: 'What the reason adds to the score.' }) weight: number;
}

@ObjectType({ description: 'A current contact: a person affiliated with an organisation today, with why they match.' })
export class ContactMatch {
  partnershipId: string;
  contact: Contact;
  @Field(() => String, { nullable: true, description: 'Their role in the organisation.' }) role: string | null;
  @Field({ description: "The organisation's contact person for the partnership." }) isContact: boolean;
  @Field(() => Int, { description: 'Sum of the reasons\' weights (+1 for a contact person); higher first.' }) score: number;
  @Field(() => [ContactReason]) reasons: ContactReason[];
}

const ContactMatchConnection = ConnectionType(ContactMatch);

@ArgsType()
class WhomToContactArgs extends ConnectionArgs {
  @Field(() => ID) partnershipId: string;
  @Field(() => String, { nullable: true, description: 'Words matched against organisations\' topics and names, activities, forums\' names and mandates, and roles.' })
  @IsOptional()
  @MaxLength(200)
  topic?: string;
  @Field(() => String, { nullable: true, description: "Words matched against activities' target groups." }) @IsOptional() @MaxLength(200) targetGroup?: string;
  @Field(() => String, { nullable: true, description: "Words matched against activities' areas." }) @IsOptional() @MaxLength(200) area?: string;
}

@Resolver(() => ContactMatch)
export class ContactResolver {
  @Authorized()
  @Query(() => ContactMatchConnection, {
    description: 'Whom to contact in a partnership for a topic, target group and/or area: current contacts only, ranked, with reasons.',
  })
  async whomToContact(@GqlCtx() ctx: Ctx, @Args() args: WhomToContactArgs) {
    const list = await whomToContact(ctx, args);
    const matches = list.map((c) =>
      Object.assign(new ContactMatch(), {
        partnershipId: args.partnershipId,
        contact: c,
        role: c.role,
        isContact: c.isContact,
        score: c.score,
        reasons: c.reasons.map((r: Reason) => Object.assign(new ContactReason(), { ...r, partnershipId: args.partnershipId })),
      }),
    );
    return arrayConnection(matches, args, (m) => `${m.contact.personId}/${m.contact.organisationId}`);
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() m: ContactMatch, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Person).load(m.contact.personId);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() m: ContactMatch, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(m.contact.organisationId);
  }
}

@Resolver(() => ContactReason)
export class ContactReasonResolver {
  @FieldResolver(() => JointActivity, { nullable: true })
  activity(@Root() r: ContactReason, @GqlCtx() ctx: Ctx) {
    return r.activityId ? ctx.loaders.entity(JointActivity).load(r.activityId) : null;
  }

  @FieldResolver(() => Forum, { nullable: true })
  forum(@Root() r: ContactReason, @GqlCtx() ctx: Ctx) {
    return r.forumId ? ctx.loaders.entity(Forum).load(r.forumId) : null;
  }
}
