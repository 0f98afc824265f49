import { describe, expect, test } from 'vitest'
import type { CliIo } from './cli-io'
import { cliStoreLocation, describeStore } from './open-cli-store'

const io = (env: Record<string, string>): CliIo => ({
  stdout: () => {},
  stderr: () => {},
  isTty: false,
  now: () => 0,
  env,
})

describe('cliStoreLocation', () => {
  test('takes --db over OPENVMO_DB, and PostgreSQL whenever DATABASE_URL is set', () => {
    expect(cliStoreLocation({}, io({}))).toEqual({ dialect: 'sqlite', path: './openvmo.db' })
    expect(cliStoreLocation({}, io({ OPENVMO_DB: '/x.db' }))).toMatchObject({ path: '/x.db' })
    expect(cliStoreLocation({ db: '/y.db' }, io({ OPENVMO_DB: '/x.db' }))).toMatchObject({
      path: '/y.db',
    })
    expect(cliStoreLocation({}, io({ DATABASE_URL: 'postgres://h/d' }))).toEqual({
      dialect: 'postgres',
      url: 'postgres://h/d',
    })
  })

  test('describes a PostgreSQL store without its password', () => {
    const text = describeStore({}, io({ DATABASE_URL: 'postgres://u:s3cret@db:6543/vmo' }))
    expect(text).toBe('PostgreSQL store db:6543/vmo')
  })
})
