import { describe, expect, test } from 'vitest'
import { advanceCheckpoint, decodeCheckpoint, encodeCheckpoint, isBehind } from './jira-checkpoint'

const issue = (key: string, created: string) => ({ key, fields: { created } })

describe('Jira pull checkpoints', () => {
  test('keep the latest created instant and every key created at it', () => {
    const checkpoint = advanceCheckpoint(undefined, [
      issue('PAY-1', '2024-03-01T10:00:00.000+0100'),
      issue('PAY-2', '2024-03-01T09:00:01.000+0000'),
      issue('PAY-3', '2024-03-01T10:00:01.000+0100'),
    ])
    expect(checkpoint).toEqual({
      createdMs: Date.parse('2024-03-01T09:00:01Z'),
      keys: ['PAY-2', 'PAY-3'],
    })
    expect(advanceCheckpoint(checkpoint, [issue('PAY-4', '2024-03-01T09:00:02.000Z')])).toEqual({
      createdMs: Date.parse('2024-03-01T09:00:02Z'),
      keys: ['PAY-4'],
    })
  })

  test('say an issue is behind when created before, or at the instant with a known key', () => {
    const checkpoint = { createdMs: Date.parse('2024-03-01T09:00:00Z'), keys: ['PAY-2'] }
    expect(isBehind(checkpoint, issue('PAY-1', '2024-03-01T08:59:59.999Z'))).toBe(true)
    expect(isBehind(checkpoint, issue('PAY-2', '2024-03-01T09:00:00.000Z'))).toBe(true)
    expect(isBehind(checkpoint, issue('PAY-3', '2024-03-01T09:00:00.000Z'))).toBe(false)
    expect(isBehind(checkpoint, issue('PAY-4', '2024-03-01T09:00:00.001Z'))).toBe(false)
  })

  test('round-trip through their text and refuse other text', () => {
    const checkpoint = { createdMs: 1_700_000_000_000, keys: ['PAY-2'] }
    expect(decodeCheckpoint(encodeCheckpoint(checkpoint), 'acme')).toEqual(checkpoint)
    expect(() => decodeCheckpoint('{"v":2}', 'acme')).toThrow(
      'jira source "acme": checkpoint "{\\"v\\":2}" is not a jira pull checkpoint',
    )
  })
})
