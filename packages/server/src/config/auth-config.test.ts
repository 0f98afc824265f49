import { expect, test } from 'vitest'
import { parseAuthConfig } from './auth-config'

const FILE = 'auth.yaml'
const env = { OPENVMO_OIDC_CLIENT_SECRET: 'the secret value' }

const yaml = (...lines: string[]) =>
  ['auth:', '  oidc:', ...lines.map((l) => `    ${l}`)].join('\n')

test('reads the provider, the secret from the environment and the group roles with defaults', () => {
  const text = yaml(
    'issuer: https://id.example.com/realms/acme',
    'clientId: openvmo',
    'displayName: Keycloak',
    'roles:',
    '  admin: [vmo-admins]',
    '  streams:',
    '    Payments: { editor: [payments-team] }',
  )
  expect(parseAuthConfig(text, { file: FILE, env })).toEqual({
    issuer: 'https://id.example.com/realms/acme',
    clientId: 'openvmo',
    clientSecret: 'the secret value',
    tokenEndpointAuthMethod: 'client_secret_basic',
    displayName: 'Keycloak',
    groupsClaim: 'groups',
    scopes: ['openid', 'profile', 'email'],
    roles: {
      admin: ['vmo-admins'],
      streams: { Payments: { editor: ['payments-team'], viewer: [] } },
    },
  })
})

test('configures no provider when the file has no auth.oidc', () => {
  expect(parseAuthConfig('auth: {}', { file: FILE, env })).toBeUndefined()
})

test('names the wrong field when the configuration is wrong', () => {
  const cases: [string, RegExp][] = [
    [yaml('issuer: not a url', 'clientId: x'), /^auth\.yaml: auth\.oidc\.issuer: /],
    [yaml('issuer: https://id.example.com'), /^auth\.yaml: auth\.oidc\.clientId: /],
    [yaml('issuer: https://i.example.com', 'clientId: x', 'colour: red'), /auth\.oidc: .*colour/],
    [
      yaml(
        'issuer: https://i.example.com',
        'clientId: x',
        'roles: { streams: { P: { owner: [a] } } }',
      ),
      /auth\.oidc\.roles\.streams\.P: .*owner/,
    ],
    [
      yaml('issuer: https://i.example.com', 'clientId: x', 'scopes: [email]'),
      /must include "openid"/,
    ],
    ['auth: [', /^auth\.yaml is not YAML/],
  ]
  for (const [text, message] of cases) {
    expect(() => parseAuthConfig(text, { file: FILE, env }), text).toThrow(message)
  }
})

test('refuses a provider without its client secret, naming the variable and not a value', () => {
  const text = yaml('issuer: https://i.example.com', 'clientId: x', 'clientSecretEnv: IDP_SECRET')
  expect(() => parseAuthConfig(text, { file: FILE, env })).toThrow(
    'auth.yaml: auth.oidc needs the client secret in environment variable IDP_SECRET, which is not set',
  )
})
