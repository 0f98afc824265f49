import { describe, expect, test } from 'vitest'
import { readEnvironment, readTokenVariable } from './environment'

describe('readEnvironment', () => {
  test('reads every variable openvmo knows and leaves unset ones out', () => {
    expect(
      readEnvironment({
        DATABASE_URL: 'postgres://h/d',
        OPENVMO_DB: '/x.db',
        PORT: '8080',
        OPENVMO_COMPUTE_THREADS: '3',
        OPENVMO_LOCK_WAIT_MS: '0',
        OPENVMO_SECRET_KEY: ' k ',
        OPENVMO_PUBLIC_URL: 'https://vmo.example.com',
        OPENVMO_CORS_ORIGINS: 'https://a.example,https://b.example',
        UNRELATED: 'x',
      }),
    ).toEqual({
      databaseUrl: 'postgres://h/d',
      sqlitePath: '/x.db',
      port: 8080,
      computeThreads: 3,
      lockWaitMs: 0,
      secretKey: 'k',
      publicUrl: 'https://vmo.example.com',
      corsOrigins: 'https://a.example,https://b.example',
    })
    expect(readEnvironment({ PORT: '' })).toEqual({})
  })

  test('names the variable and the value when a number is not one', () => {
    expect(() => readEnvironment({ OPENVMO_COMPUTE_THREADS: 'two' })).toThrow(
      /OPENVMO_COMPUTE_THREADS "two" is not a whole number of at least 1/,
    )
    expect(() => readEnvironment({ PORT: '70000' })).toThrow(/PORT "70000" is not a port number/)
  })

  test('names the variable when the public URL is not an http or https URL', () => {
    expect(() => readEnvironment({ OPENVMO_PUBLIC_URL: 'vmo.example.com' })).toThrow(
      'environment variable OPENVMO_PUBLIC_URL "vmo.example.com" is not an http or https URL',
    )
    expect(() => readEnvironment({ OPENVMO_PUBLIC_URL: 'ftp://vmo.example.com' })).toThrow(
      /is not an http or https URL/,
    )
  })
})

describe('readTokenVariable', () => {
  test('reads the named variable and refuses a name that is not one', () => {
    expect(readTokenVariable({ JIRA_TOKEN: 'abc' }, 'JIRA_TOKEN')).toBe('abc')
    expect(readTokenVariable({}, 'JIRA_TOKEN')).toBeUndefined()
    expect(() => readTokenVariable({}, 'jira token')).toThrow(/not an environment variable name/)
  })
})
