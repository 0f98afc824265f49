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
        UNRELATED: 'x',
      }),
    ).toEqual({
      databaseUrl: 'postgres://h/d',
      sqlitePath: '/x.db',
      port: 8080,
      computeThreads: 3,
      lockWaitMs: 0,
      secretKey: 'k',
    })
    expect(readEnvironment({ PORT: '' })).toEqual({})
  })

  test('names the variable and the value when a number is not one', () => {
    expect(() => readEnvironment({ OPENVMO_COMPUTE_THREADS: 'two' })).toThrow(
      /OPENVMO_COMPUTE_THREADS "two" is not a whole number of at least 1/,
    )
    expect(() => readEnvironment({ PORT: '70000' })).toThrow(/PORT "70000" is not a port number/)
  })
})

describe('readTokenVariable', () => {
  test('reads the named variable and refuses a name that is not one', () => {
    expect(readTokenVariable({ JIRA_TOKEN: 'abc' }, 'JIRA_TOKEN')).toBe('abc')
    expect(readTokenVariable({}, 'JIRA_TOKEN')).toBeUndefined()
    expect(() => readTokenVariable({}, 'jira token')).toThrow(/not an environment variable name/)
  })
})
