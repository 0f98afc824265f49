// Runs the dashboard's end-to-end tests in Debian's Chromium against OPENVMO_URL (the server on
// the demo store, started by `npm run test:e2e`). Exits 1 when any test fails.
import { performance } from 'node:perf_hooks'
import { tests } from './dashboard.e2e'
import { BASE_URL, launchBrowser } from './e2e-harness'

async function main(): Promise<number> {
  const only = process.argv[2]
  const selected = only ? tests.filter((t) => t.name.includes(only)) : tests
  const browser = await launchBrowser()
  let failed = 0
  console.log(`dashboard e2e against ${BASE_URL}: ${selected.length} tests`)
  try {
    for (const test of selected) {
      const started = performance.now()
      try {
        await test.run(browser)
        console.log(`  ✓ ${test.name} (${Math.round(performance.now() - started)} ms)`)
      } catch (error) {
        failed++
        console.log(
          `  ✗ ${test.name}\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        )
      }
    }
  } finally {
    await browser.close()
  }
  console.log(failed === 0 ? 'all passed' : `${failed} failed`)
  return failed === 0 ? 0 : 1
}

process.exitCode = await main()
