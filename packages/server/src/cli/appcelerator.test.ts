import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { sharedDataPath } from '../../test/shared-data'
import { runCli, writeTempFiles } from './testing/run-cli'

const ARCHIVE = sharedDataPath('appcelerator-jira-archive/issues.csv')
/** The command docs/importing.md gives for the archive, as arguments (checked below). */
const APPCELERATOR_IMPORT = [
  '--source',
  'jira',
  '--columns',
  'type=issue_type,title=summary,parent=parent_key,resolved=resolutiondate',
]

// Real data: the Appcelerator/Titanium Jira archive (29,057 issues, 2011-2021) has no status
// history, only created, resolved and the current status.
describe.skipIf(!existsSync(ARCHIVE))('vmo on the real Appcelerator Jira archive', () => {
  test('its issues.csv imports through a column mapping; lead time and throughput work and flow efficiency says why it is unavailable', async () => {
    const dir = writeTempFiles({})
    const db = join(dir, 'openvmo.db')
    const imported = await runCli(['import', ARCHIVE, ...APPCELERATOR_IMPORT, '--db', db])
    expect(imported.stderr).not.toMatch(/skipped|error/)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/imported 29057 items/)
    const config = join(dir, 'openvmo.yaml')
    expect((await runCli(['map', 'suggest', '--db', db, '--out', config])).code).toBe(0)

    const args = [
      '--db',
      db,
      '--config',
      config,
      '--period',
      'year',
      '--from',
      '2012-01-01',
      '--to',
      '2016-01-01',
      '--as-of',
      '2022-01-01',
      '--json',
    ]
    const { code, stdout, stderr } = await runCli(['metrics', ...args])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    const years = report.periods.map((p: { velocity: { total: number } }) => p.velocity.total)
    expect(years).toHaveLength(4)
    // the README counts 4,232 / 3,939 / 2,507 / 2,318 resolutions in 2012-2015, sub-tasks and
    // canceled resolutions included; completed Flow Items must be most of them
    for (const [k, resolved] of [4232, 3939, 2507, 2318].entries()) {
      expect(years[k]).toBeGreaterThan(resolved * 0.6)
      expect(years[k]).toBeLessThanOrEqual(resolved)
    }
    expect(report.total.leadTime.count).toBe(report.total.velocity.total)
    expect(report.total.leadTime.p50).toBeGreaterThan(1)
    expect(report.total.flowEfficiency).toEqual({ pooled: null, meanOfItems: null })
    const warning = report.warnings.find(
      (w: { code: string }) => w.code === 'FLOW_EFFICIENCY_UNAVAILABLE',
    )
    expect(warning.message).toMatch(/no status history|straight to done/)
    expect(report.warnings.map((w: { code: string }) => w.code)).toContain(
      'FLOW_TIME_WITHOUT_HISTORY',
    )
  }, 120_000)
})

describe('docs/importing.md', () => {
  test('gives the command that imports the Appcelerator archive, as tested above', () => {
    const docs = readFileSync(
      fileURLToPath(new URL('../../../../docs/importing.md', import.meta.url)),
      'utf8',
    )
    expect(docs).toContain(`vmo import issues.csv ${APPCELERATOR_IMPORT.join(' ')}`)
  })
})
