import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import type { RequestListener } from 'node:http'
import Provider from 'oidc-provider'
import type { KoaContextWithOIDC } from 'oidc-provider'

/** A user of the test provider: any password signs in with the login name as subject. */
export interface TestProviderAccount {
  name?: string
  email?: string
  groups?: string[]
}

/** A real OpenID provider (the certified `oidc-provider`) on 127.0.0.1, for tests. */
export interface TestOidcProvider {
  /** The issuer URL: `http://127.0.0.1:<port>`. */
  issuer: string
  close(): Promise<void>
}

/** What the test provider registers and knows. */
export interface TestProviderOptions {
  clientId: string
  clientSecret: string
  redirectUris: string[]
  /** Login name → claims; an unknown login signs in with no claims but `sub`. */
  accounts: Record<string, TestProviderAccount>
  /** Default 0: a free port. */
  port?: number
}

// The test provider's client is first-party: its grant is given without a consent page.
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { client, session, provider } = ctx.oidc
  if (!client || !session?.accountId) return undefined
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId)
  if (grantId) return provider.Grant.find(grantId)
  const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId })
  grant.addOIDCScope('openid profile email')
  await grant.save()
  return grant
}

/**
 * Starts `oidc-provider` with its development login form (any password; the login is the
 * subject), one confidential client, and `groups` under the `profile` scope (so it reaches the
 * relying party through userinfo, as with GitLab).
 */
export async function startTestOidcProvider(
  options: TestProviderOptions,
): Promise<TestOidcProvider> {
  // listen first: the issuer URL names the port
  let handle: RequestListener = (_req, res) => res.writeHead(503).end()
  const server = createServer((req, res) => handle(req, res))
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email'],
    },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => {
        const account = options.accounts[id]
        return account ? { sub: id, preferred_username: id, ...account } : { sub: id }
      },
    }),
    loadExistingGrant,
    features: { devInteractions: { enabled: true } },
  })
  handle = provider.callback()
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A port free on 127.0.0.1 just now (for a server whose URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
