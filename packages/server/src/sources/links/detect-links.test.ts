import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { detectCrossSourceLinks, qualifyLinkTarget, withCrossSourceLinks } from './detect-links'

const item = (
  source: string,
  key: string,
  extra: Partial<WorkItemRecord> = {},
): WorkItemRecord => ({
  source,
  key,
  type: 'Story',
  status: 'Open',
  created: '2024-01-01T00:00:00Z',
  changes: [],
  ...extra,
})

describe('detectCrossSourceLinks', () => {
  test('links a github item to the jira issue when its title starts with the jira key', () => {
    const records = [
      item('jira', 'PAY-123'),
      item('github', 'acme/pay#45', { title: 'PAY-123: fix refund' }),
    ]
    expect(detectCrossSourceLinks(records)).toEqual([
      [],
      [{ type: 'mentions', target: 'jira:PAY-123' }],
    ])
  })

  test('finds keys in fields.branch and fields.body when the title has none', () => {
    const records = [
      item('jira', 'PAY-7'),
      item('jira', 'OPS-2'),
      item('gitlab', 'acme/pay!12', {
        title: 'Refactor',
        fields: { branch: 'feature/PAY-7-refund', body: 'Also fixes OPS-2.' },
      }),
    ]
    expect(detectCrossSourceLinks(records)[2]).toEqual([
      { type: 'mentions', target: 'jira:PAY-7' },
      { type: 'mentions', target: 'jira:OPS-2' },
    ])
  })

  test('links items to ServiceNow numbers and ServiceNow descriptions to jira keys', () => {
    const records = [
      item('servicenow', 'RITM0010001', { fields: { body: 'Delivered as PAY-7' } }),
      item('jira', 'PAY-7', { title: 'Refund flow for RITM0010001' }),
      item('gitlab', 'acme/pay!12', { fields: { branch: 'fix/INC0012345-printer' } }),
      item('servicenow', 'INC0012345'),
    ]
    expect(detectCrossSourceLinks(records).slice(0, 3)).toEqual([
      [{ type: 'mentions', target: 'jira:PAY-7' }],
      [{ type: 'mentions', target: 'servicenow:RITM0010001' }],
      [{ type: 'mentions', target: 'servicenow:INC0012345' }],
    ])
  })

  test('ignores keys no loaded item has and keys of the item own source', () => {
    const records = [
      item('jira', 'PAY-1', { title: 'Split PAY-2 into parts' }),
      item('jira', 'PAY-2'),
      item('github', 'acme/web#3', { title: 'Support UTF-8 and PAY-999' }),
    ]
    expect(detectCrossSourceLinks(records)).toEqual([[], [], []])
  })

  test('qualifies explicit bare targets with the own source and keeps qualified ones', () => {
    const records = [
      item('jira', 'PAY-123', {
        links: [
          { type: 'blocks', target: 'PAY-130' },
          { type: 'relates', target: 'github:acme/pay#45' },
        ],
      }),
      item('github', 'acme/pay#45', {
        title: 'PAY-123 refund',
        links: [{ type: 'closes', target: 'jira:PAY-123' }],
      }),
    ]
    expect(detectCrossSourceLinks(records)).toEqual([
      [
        { type: 'blocks', target: 'jira:PAY-130' },
        { type: 'relates', target: 'github:acme/pay#45' },
      ],
      [{ type: 'closes', target: 'jira:PAY-123' }],
    ])
  })

  test('links to every source having the key when two jira instances share it', () => {
    const records = [
      item('jira', 'PAY-1'),
      item('jira-legacy', 'PAY-1'),
      item('github', 'a/b#1', { title: 'PAY-1' }),
    ]
    expect(detectCrossSourceLinks(records)[2]?.map((l) => l.target)).toEqual([
      'jira:PAY-1',
      'jira-legacy:PAY-1',
    ])
  })
})

describe('qualifyLinkTarget', () => {
  test('treats a colon prefix that is no source as part of a bare key', () => {
    expect(qualifyLinkTarget('std:1', 'servicenow', new Set(['jira']))).toBe('servicenow:std:1')
    expect(qualifyLinkTarget('jira:A-1', 'github', new Set(['jira']))).toBe('jira:A-1')
  })
})

describe('withCrossSourceLinks', () => {
  test('returns new records with the detected links when mentions are found', () => {
    const github = item('github', 'acme/pay#45', { title: 'PAY-123: fix refund' })
    const [, linked] = withCrossSourceLinks([item('jira', 'PAY-123'), github])
    expect(linked?.links).toEqual([{ type: 'mentions', target: 'jira:PAY-123' }])
    expect(github.links).toBeUndefined()
  })
})
