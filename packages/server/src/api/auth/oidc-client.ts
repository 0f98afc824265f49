import * as oidc from 'openid-client'
import type { OidcSettings } from '../../config/auth-config'
import { isLoopbackHost } from '../loopback'

/** Why a sign-in through the provider failed: the sign-in page explains each. */
export const OIDC_FAILURES = [
  'denied',
  'provider_error',
  'bad_state',
  'exchange_failed',
  'unreachable',
  'no_role',
  'disabled',
] as const
export type OidcFailure = (typeof OIDC_FAILURES)[number]

/** A sign-in that failed for `reason`; `detail` is for the audit log (never a secret). */
export class OidcSignInError extends Error {
  constructor(
    readonly reason: OidcFailure,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`)
  }
}

/** What one sign-in keeps between the redirect to the provider and its callback. */
export interface PendingLogin {
  state: string
  nonce: string
  /** The PKCE code verifier (the provider saw only its S256 challenge). */
  verifier: string
}

/** Who the provider says signed in, with the claims of the ID token (and of userinfo). */
export interface OidcIdentity {
  issuer: string
  subject: string
  claims: Record<string, unknown>
}

/** The relying party of one provider: the authorization URL and the code exchange. */
export interface OidcClient {
  readonly settings: OidcSettings
  readonly redirectUri: string
  /** A new state, nonce and PKCE verifier, and the provider's URL to send the browser to. */
  start(): Promise<{ pending: PendingLogin; url: URL }>
  /** Redeems the callback's code; OidcSignInError when anything does not check out. */
  finish(query: URLSearchParams, pending: PendingLogin): Promise<OidcIdentity>
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.slice(0, 300)
}

function clientAuthOf(settings: OidcSettings): oidc.ClientAuth {
  return settings.tokenEndpointAuthMethod === 'client_secret_post'
    ? oidc.ClientSecretPost(settings.clientSecret)
    : oidc.ClientSecretBasic(settings.clientSecret)
}

/**
 * An OIDC client of `settings` (authorization code flow with PKCE S256, state and nonce) whose
 * redirect URI is `redirectUri`. The provider's metadata is discovered at the first sign-in and
 * kept; a failed discovery is tried again at the next. Plain http is allowed for an issuer on
 * loopback only (a provider on the same machine).
 */
export function createOidcClient(settings: OidcSettings, redirectUri: string): OidcClient {
  let discovered: Promise<oidc.Configuration> | undefined
  const issuer = new URL(settings.issuer)
  const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname)
  const configuration = () => {
    discovered ??= oidc
      .discovery(issuer, settings.clientId, undefined, clientAuthOf(settings), {
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined
        throw new OidcSignInError(
          'unreachable',
          `discovery of ${settings.issuer}: ${message(error)}`,
        )
      })
    return discovered
  }
  return {
    settings,
    redirectUri,
    async start() {
      const config = await configuration()
      const pending = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
      }
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes.join(' '),
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      })
      return { pending, url }
    },
    finish: (query, pending) =>
      redeem({ config: configuration, settings, redirectUri }, query, pending),
  }
}

async function redeem(
  at: { config: () => Promise<oidc.Configuration>; settings: OidcSettings; redirectUri: string },
  query: URLSearchParams,
  pending: PendingLogin,
): Promise<OidcIdentity> {
  const config = await at.config()
  // the URL the provider redirected to, as registered (a proxy may have changed host and scheme)
  const current = new URL(at.redirectUri)
  for (const [key, value] of query) current.searchParams.append(key, value)
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
  try {
    tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
  } catch (error) {
    throw new OidcSignInError('exchange_failed', message(error))
  }
  const idClaims = tokens.claims()
  if (!idClaims) throw new OidcSignInError('exchange_failed', 'the provider sent no ID token')
  let claims: Record<string, unknown> = { ...idClaims }
  const inToken = at.settings.groupsClaim.split('.')[0] ?? ''
  // some providers (GitLab, Okta without a claim rule) put groups in userinfo only
  if (!(inToken in claims) && config.serverMetadata().userinfo_endpoint) {
    try {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      claims = { ...info, ...claims }
    } catch (error) {
      throw new OidcSignInError('exchange_failed', `userinfo: ${message(error)}`)
    }
  }
  return { issuer: idClaims.iss, subject: idClaims.sub, claims }
}
