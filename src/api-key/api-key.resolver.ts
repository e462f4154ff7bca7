import { Arg, Args, Authorized, Ctx as GqlCtx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Ctx } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Partnership } from '../partnership/partnership.entity';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput } from './api-key.inputs';
import { apiKeyService } from './api-key.service';

@ObjectType({ description: 'A new API key. The key itself is shown only here, once: it is stored as a hash and cannot be shown again.' })
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field({ description: 'The secret key, shown once. Send it as "Authorization: Bearer <key>" or "X-Api-Key: <key>".' })
  key: string;
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Permission.ADMINISTER)
  @UseMiddleware(Audited)
  @Mutation(() => CreatedApiKey, { description: 'Create an API key for an integration (admins of every partnership it covers).' })
  async createApiKey(@GqlCtx() ctx: Ctx, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const { apiKey, key } = await apiKeyService.create(ctx, input);
    ctx.response.hasSecret = true;
    return Object.assign(new CreatedApiKey(), { apiKey, key });
  }

  @Authorized(Permission.ADMINISTER)
  @UseMiddleware(Audited)
  @Mutation(() => ApiKey, { description: 'Revoke an API key; it stops working at once. Revoking twice is a CONFLICT.' })
  revokeApiKey(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return apiKeyService.revoke(ctx, id);
  }

  @Authorized(Permission.ADMINISTER)
  @Query(() => ConnectionType(ApiKey), { description: 'API keys of the partnerships you administer, newest first.' })
  apiKeys(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return apiKeyService.list(ctx, args);
  }

  @FieldResolver(() => [Partnership], { description: 'Partnerships the key acts in (those you may see).' })
  async partnerships(@Root() k: ApiKey, @GqlCtx() ctx: Ctx): Promise<Partnership[]> {
    const rows = await ctx.loaders.entity(Partnership).loadMany(k.partnershipIds);
    return rows.filter((p): p is Partnership => !!p && !(p instanceof Error));
  }
}
