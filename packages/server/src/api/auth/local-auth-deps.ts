import type { Store } from '../../store/store'
import type { LoginThrottle } from './login-throttle'
import type { OidcClient } from './oidc-client'
import type { ProxyTrust } from './request-facts'
import type { SessionPolicy } from './sessions'

/** What the sign-in, token and audit routes share. */
export interface LocalAuthDeps extends ProxyTrust {
  store: Store
  clock: () => number
  sessions: SessionPolicy
  throttle: LoginThrottle
  /** Sign-in through an OpenID provider, when configured. */
  oidc?: OidcClient
}
