import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import {
  assertJiraScope,
  parseJiraConnectorConfig,
  parseJiraFieldOption,
} from './jira-connector-config'

function thrown(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a throw')
}

describe('the Jira connector config', () => {
  test('applies the defaults and drops trailing slashes when only url and email are given', () => {
    expect(
      parseJiraConnectorConfig('acme', { url: 'https://acme.atlassian.net/', email: 'a@b.c' }),
    ).toEqual({
      url: 'https://acme.atlassian.net',
      deployment: 'cloud',
      email: 'a@b.c',
      fields: {},
      pageSize: 100,
      keyPageSize: 1000,
      changelogPageSize: 1000,
      requestTimeoutMs: 30_000,
      concurrency: 4,
    })
  })

  test('needs an email on Cloud and none on Data Center', () => {
    const error = thrown(() =>
      parseJiraConnectorConfig('acme', { url: 'https://acme.atlassian.net' }),
    )
    expect(isVmoError(error, 'INVALID_CONFIG')).toBe(true)
    expect(error.message).toBe(
      'jira source "acme": email: jira cloud needs the email of the account the api key belongs to',
    )
    const dc = parseJiraConnectorConfig('dc', {
      url: 'https://jira.acme.com',
      deployment: 'data_center',
    })
    expect(dc.email).toBeUndefined()
  })

  test('names the field when an allow-listed id is not a custom field id', () => {
    const error = thrown(() =>
      parseJiraConnectorConfig('acme', {
        url: 'https://x.y',
        email: 'a@b.c',
        fields: { Team: 'team' },
      }),
    )
    expect(error.message).toBe(
      'jira source "acme": fields.Team: must be a custom field id such as customfield_10001',
    )
  })

  test('parses --field options and refuses one without a custom field id', () => {
    expect(parseJiraFieldOption(' Story Points = customfield_10016 ')).toEqual([
      'Story Points',
      'customfield_10016',
    ])
    expect(thrown(() => parseJiraFieldOption('Team')).message).toBe(
      '--field "Team": expected NAME=customfield_ID, such as "Team=customfield_10001"',
    )
  })

  test('accepts project and jql scopes and refuses other kinds', () => {
    expect(() => assertJiraScope({ name: 'pay', kind: 'project', value: 'PAY' })).not.toThrow()
    expect(() => assertJiraScope({ name: 'q', kind: 'jql', value: 'labels = web' })).not.toThrow()
    expect(thrown(() => assertJiraScope({ name: 'r', kind: 'repo', value: 'a/b' })).message).toBe(
      'jira scope "r": kind "repo" is not a jira scope kind (project, jql)',
    )
    expect(
      thrown(() => assertJiraScope({ name: 'p', kind: 'project', value: 'PAY-1' })).message,
    ).toBe('jira scope "p": project key "PAY-1" is not a jira project key (letters, digits, _)')
  })
})
