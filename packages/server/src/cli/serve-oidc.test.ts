import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { openStore } from '../store/open-store'
import { spawnVmo } from './testing/spawn-vmo'

const SECRET = 'serve test client secret'
let dir: string | undefined

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** A folder with an auth configuration of `oidcLines` (under `auth.oidc`); its file and a store. */
function authFiles(oidcLines: string[]): { config: string; db: string } {
  dir = mkdtempSync(join(tmpdir(), 'vmo-serve-oidc-'))
  const config = join(dir, 'auth.yaml')
  writeFileSync(config, ['auth:', '  oidc:', ...oidcLines.map((l) => `    ${l}`), ''].join('\n'))
  return { config, db: join(dir, 'openvmo.db') }
}

const PROVIDER = ['issuer: https://id.example.com/realms/acme', 'clientId: openvmo']

describe('vmo serve --auth-config', () => {
  test('listens beyond loopback with a provider and no account, requiring sign-in', async () => {
    const { config, db } = authFiles([...PROVIDER, 'displayName: Keycloak'])
    await (await openStore({ db })).close()
    const vmo = spawnVmo(
      [
        ...['serve', '--db', db, '--host', '0.0.0.0', '--port', '0'],
        ...['--public-url', 'https://vmo.example.com', '--auth-config', config],
      ],
      { env: { OPENVMO_OIDC_CLIENT_SECRET: SECRET } },
    )
    try {
      await vmo.waitFor('sign-in required')
      expect(vmo.stdout()).toContain(
        'Keycloak through OIDC, redirect URI https://vmo.example.com/api/v1/auth/oidc/callback',
      )
      const port = /:(\d+) /.exec(vmo.stdout())?.[1]
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/value-streams`)
      expect(res.status).toBe(401)
      const providers = await fetch(`http://127.0.0.1:${port}/api/v1/auth/providers`)
      expect(await providers.json()).toMatchObject({ oidc: { displayName: 'Keycloak' } })
      expect(vmo.stdout() + vmo.stderr()).not.toContain(SECRET)
    } finally {
      vmo.child.kill('SIGKILL')
    }
  })

  test('refuses a provider without --public-url, a wrong field, or no client secret', async () => {
    const cases: { lines: string[]; env: Record<string, string>; message: string }[] = [
      {
        lines: PROVIDER,
        env: { OPENVMO_OIDC_CLIENT_SECRET: SECRET },
        message: 'sign-in through an OpenID provider needs --public-url',
      },
      {
        lines: [...PROVIDER, 'groupsClaim: 42'],
        env: { OPENVMO_OIDC_CLIENT_SECRET: SECRET },
        message: 'auth.yaml: auth.oidc.groupsClaim:',
      },
      {
        lines: PROVIDER,
        env: {},
        message: 'needs the client secret in environment variable OPENVMO_OIDC_CLIENT_SECRET',
      },
    ]
    for (const { lines, env, message } of cases) {
      const { config, db } = authFiles(lines)
      const publicUrl = message.includes('public-url') ? [] : ['--public-url', 'http://127.0.0.1']
      const vmo = spawnVmo(
        ['serve', '--db', db, '--port', '0', '--auth-config', config, ...publicUrl],
        { env: { OPENVMO_OIDC_CLIENT_SECRET: '', ...env } },
      )
      expect(await vmo.exited, message).toBe(2)
      expect(vmo.stderr()).toContain(message)
      expect(vmo.stderr()).not.toContain(SECRET)
      rmSync(dir ?? '', { recursive: true, force: true })
    }
  })
})
