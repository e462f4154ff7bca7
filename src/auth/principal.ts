/** Who is making a request. Resolved once per request by authenticate() (src/auth/authenticate.ts). */
import { ApiScope } from '../api-key/api-key.entity';

export type Principal =
  /** A person logged in through the identity provider (or a development token); `feed`/`mail`: a calendar feed or an e-mail acting as its person. */
  | { kind: 'person'; personId: string; via: 'oidc' | 'dev' | 'feed' | 'mail' }
  /** An integration's API key: acts only within its scopes and partnerships. */
  | { kind: 'apiKey'; apiKeyId: string; scopes: ApiScope[]; partnershipIds: string[] }
  /** The system itself (demo seed, scripts, tests of services): every permission. */
  | { kind: 'system' }
  /** No credentials. */
  | { kind: 'anonymous' };

export const ANONYMOUS: Principal = { kind: 'anonymous' };
export const SYSTEM: Principal = { kind: 'system' };

export function principalKey(p: Principal): string {
  switch (p.kind) {
    case 'person':
      return `person:${p.personId}`;
    case 'apiKey':
      return `key:${p.apiKeyId}`;
    default:
      return p.kind;
  }
}
