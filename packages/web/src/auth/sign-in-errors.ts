/**
 * What the sign-in page says when sign-in through the OpenID provider failed: the server
 * redirects to `/?signInError=<reason>` (the reasons of the server's OIDC_FAILURES).
 */
const MESSAGES: Record<string, string> = {
  denied: 'The sign-in was declined at the provider.',
  provider_error: 'The provider refused the sign-in. Try again, or ask an administrator.',
  bad_state: 'The sign-in expired or was started in another browser window. Try again.',
  exchange_failed:
    'openvmo could not verify the answer of the provider. Ask an administrator to check the sign-in configuration (the audit log has the reason).',
  unreachable: 'openvmo could not reach the provider. Try again in a moment.',
  no_role:
    'You are signed in at the provider, but none of your groups gives you a role in openvmo. Ask an administrator to add one of your groups.',
  disabled: 'Your openvmo account is disabled. Ask an administrator.',
}

/** The message of the `signInError` in `search` (a URL's query), or null when there is none. */
export function signInErrorOf(search: string): string | null {
  const reason = new URLSearchParams(search).get('signInError')
  if (reason === null) return null
  return MESSAGES[reason] ?? 'Sign-in through the provider failed. Try again.'
}
