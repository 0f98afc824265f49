import { describe, expect, test } from 'vitest'
import type { ExperimentDefinition } from './experiment'
import { addDays, checkExperiment, experimentWindows } from './experiment'

const definition: ExperimentDefinition = {
  id: 'wip-limit',
  name: 'WIP limit',
  hypothesis: 'Flow time falls by a third.',
  change: 'one item per developer',
  changeDate: '2026-03-02',
  rolloutEndDate: null,
  beforeDays: 91,
  afterDays: 91,
  scope: { stream: 'Payments', teams: [], types: [] },
  targets: [{ metric: 'flow_time_p85', direction: 'decrease', expectedChangePercent: 33 }],
  control: null,
}
const context = { today: '2026-12-07', streams: ['Payments', 'Identity'], teams: ['PAY-A'] }

describe('experiment windows', () => {
  test('before ends on the change date and after starts at the end of the rollout', () => {
    expect(experimentWindows(definition)).toEqual({
      before: { from: '2025-12-01', to: '2026-03-02' },
      after: { from: '2026-03-02', to: '2026-06-01' },
    })
    const rollout = experimentWindows({ ...definition, rolloutEndDate: '2026-03-16' })
    expect(rollout.after).toEqual({ from: '2026-03-16', to: '2026-06-15' })
  })

  test('addDays crosses months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
  })
})

describe('checkExperiment', () => {
  test('accepts a complete definition with teams and a control', () => {
    const control = { stream: 'identity', teams: [], types: ['feature' as const] }
    expect(() =>
      checkExperiment(
        { ...definition, scope: { ...definition.scope, teams: ['pay-a'] }, control },
        context,
      ),
    ).not.toThrow()
  })

  test.each([
    [{ beforeDays: 0 }, 'the before window has 0 days'],
    [{ changeDate: '2026-12-08' }, 'change date 2026-12-08 is in the future (today is 2026-12-07)'],
    [{ changeDate: '2026-02-30' }, 'change date "2026-02-30" is not a YYYY-MM-DD date'],
    [{ rolloutEndDate: '2026-03-01' }, 'rollout end 2026-03-01 is before the change date'],
    [{ id: 'Bad Id' }, 'id "Bad Id" must be'],
    [{ hypothesis: '  ' }, 'hypothesis must have 1 to 2000 characters'],
    [{ targets: [] }, 'needs 1 to 4 target metrics, got 0'],
    [
      { targets: [{ metric: 'flow_time_p85', direction: 'decrease', expectedChangePercent: 120 }] },
      'expected decrease 120% of "flow_time_p85" must be below 100%',
    ],
    [{ control: definition.scope }, 'the control is the scope itself'],
  ] as [Partial<ExperimentDefinition>, string][])(
    'refuses %o with INVALID_INPUT',
    (change, message) => {
      expect(() => checkExperiment({ ...definition, ...change }, context)).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: expect.stringContaining(message),
        }),
      )
    },
  )

  test('refuses an unknown stream or team with NOT_FOUND naming the known streams', () => {
    const scope = { stream: 'Payroll', teams: [], types: [] }
    expect(() => checkExperiment({ ...definition, scope }, context)).toThrow(
      expect.objectContaining({
        code: 'NOT_FOUND',
        message:
          'experiment "wip-limit": unknown value stream "Payroll" (streams: Payments, Identity)',
      }),
    )
    const control = { stream: 'Identity', teams: ['NOPE'], types: [] }
    expect(() => checkExperiment({ ...definition, control }, context)).toThrow(
      'experiment "wip-limit" (control): unknown team "NOPE"',
    )
  })

  test('refuses a before window that ends before the data starts', () => {
    expect(() => checkExperiment(definition, { ...context, dataFrom: '2026-04-01' })).toThrow(
      'the before window (up to 2026-03-02) is empty: the data starts on 2026-04-01',
    )
  })
})
