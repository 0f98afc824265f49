import { describe, expect, test } from 'vitest'
import { VmoError } from '../errors'
import { parseMappingYaml } from './load-mapping'
import {
  STREAM_DEFINITION_FILE,
  extractStreamDefinition,
  spliceStreamDefinition,
} from './stream-definition'

const MAPPING = `# the organisation's mapping
timezone: Europe/Berlin
flowItems: { feature: [Story], defect: [Bug] }
states:
  new: [Backlog]
  active: [In Progress]
  done: [Done]
valueStreams:
  - name: Payments # card payments
    match: { team: [pay] }
    distributionTarget: { feature: 0.7, defect: 0.3 }
  - name: Lending
    match: { team: [loan] }
teams:
  - name: pay
    stream: Payments
  - name: loan
    stream: Lending
    members: 4
  - name: pay-ops
    stream: Payments
products:
  - name: Acme Loans
    stream: Lending
`

function problemOf(run: () => unknown): { message: string; line: number } {
  try {
    run()
  } catch (error) {
    if (!(error instanceof VmoError)) throw error
    return { message: error.message, line: Number(error.details?.line) }
  }
  throw new Error('expected an error')
}

describe('stream definitions', () => {
  test('holds the stream entry and its own teams, not those of other streams', () => {
    const text = extractStreamDefinition(MAPPING, 'payments')
    expect(text).toContain('card payments')
    expect(text).toContain('pay-ops')
    expect(text).not.toMatch(/Lending|loan|Backlog/)
  })

  test('splicing the definition back unchanged leaves the mapping the same', () => {
    const spliced = spliceStreamDefinition(
      MAPPING,
      'Payments',
      extractStreamDefinition(MAPPING, 'Payments'),
    )
    expect(parseMappingYaml(spliced, 'x')).toEqual(parseMappingYaml(MAPPING, 'x'))
    expect(spliced).toContain("# the organisation's mapping")
    expect(spliced).toContain('members: 4')
  })

  test('an edited match and a new team land in the stream, other streams untouched', () => {
    const edited = `valueStreams:
  - name: Payments
    match: { team: [pay, pay-ops] }
teams:
  - name: pay
  - name: pay-new
`
    const spliced = spliceStreamDefinition(MAPPING, 'Payments', edited)
    const config = parseMappingYaml(spliced, 'x')
    expect(config.valueStreams.map((s) => s.name)).toEqual(['Payments', 'Lending'])
    expect(config.valueStreams[0]?.match).toEqual({ team: ['pay', 'pay-ops'] })
    expect(config.valueStreams[0]?.distributionTarget).toBeUndefined()
    expect(config.valueStreams[1]).toEqual({ name: 'Lending', match: { team: ['loan'] } })
    expect(spliced).toMatch(/name: pay-new\n\s+stream: Payments/)
    expect(spliced).not.toContain('pay-ops\n    stream')
    expect(spliced).toContain('Acme Loans')
  })

  test('a rename is refused at its line', () => {
    const problem = problemOf(() =>
      spliceStreamDefinition(
        MAPPING,
        'Payments',
        'valueStreams:\n  - name: Cards\n    match: { team: pay }\n',
      ),
    )
    expect(problem.line).toBe(2)
    expect(problem.message).toContain(`${STREAM_DEFINITION_FILE}:2:`)
    expect(problem.message).toContain('renaming a value stream')
  })

  test('keys of the whole mapping are refused: an editor cannot change states or rules', () => {
    const problem = problemOf(() =>
      spliceStreamDefinition(
        MAPPING,
        'Payments',
        'valueStreams:\n  - name: Payments\n    match: { team: pay }\nstates: { done: [Backlog] }\n',
      ),
    )
    expect(problem.message).toContain('is not a known key (expected valueStreams, teams, products)')
  })

  test('a team of another stream, or named like one, is refused', () => {
    const moved = problemOf(() =>
      spliceStreamDefinition(
        MAPPING,
        'Payments',
        'valueStreams:\n  - name: Payments\n    match: { team: pay }\nteams:\n  - name: x\n    stream: Lending\n',
      ),
    )
    expect(moved.message).toContain('a stream definition holds only its own teams')
    expect(moved.line).toBe(6)
    const clash = problemOf(() =>
      spliceStreamDefinition(
        MAPPING,
        'Payments',
        'valueStreams:\n  - name: Payments\n    match: { team: pay }\nteams:\n  - name: LOAN\n',
      ),
    )
    expect(clash.message).toContain("another stream's teams")
  })

  test('an unknown stream is NOT_FOUND, a definition with two streams is refused', () => {
    expect(() => extractStreamDefinition(MAPPING, 'Cards')).toThrow(/not in the mapping/)
    const two = problemOf(() =>
      spliceStreamDefinition(
        MAPPING,
        'Payments',
        'valueStreams:\n  - name: Payments\n    match: { team: pay }\n  - name: Cards\n    match: { team: c }\n',
      ),
    )
    expect(two.message).toContain('must list exactly one value stream')
  })
})
