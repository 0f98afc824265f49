// What the connector pull benchmarks share: the fake tool in its own process, the timing of a
// pull, an incremental pull and a key census in this one, and the lines they print.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { cpus, loadavg } from 'node:os'
import type { Connector, ScopeSpec } from '../../packages/server/src/sources/connector'

/**
 * Starts a fake tool (`script` with `args`) in its own process: its first line on stdout is
 * `{ url, token }`; later lines answer what is written to its stdin (`edit 100`).
 */
export async function startFakeTool(script: string, args: readonly (string | number)[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--max-old-space-size=4096', script, ...args.map(String)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const nextLine = async () => String((await lines.next()).value)
  const { url, token } = JSON.parse(await nextLine()) as { url: string; token: string }
  /** Asks the fake to change `count` items; resolves with how many it changed. */
  const edit = async (count: number) => {
    child.stdin.write(`edit ${count}\n`)
    return (await nextLine()).replace('edited ', '')
  }
  return { url, token, edit, stop: () => child.stdin.end() }
}

/** Wall time and this process's CPU time of `run`. */
export async function measure<T>(run: () => Promise<T>) {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const result = await run()
  const { user, system } = process.cpuUsage(cpu)
  return { result, ms: performance.now() - start, cpuMs: (user + system) / 1000 }
}

/** Pulls and key censuses of `scope` through `connector`, with the peak RSS seen. */
export function pullMeter(connector: Connector, scope: ScopeSpec) {
  let peakRss = process.memoryUsage().rss
  const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss))
  return {
    /** Every item changed since `sinceMs` (all without it), and their changes. */
    async pull(sinceMs?: number) {
      let pulled = 0
      let changes = 0
      for await (const page of connector.pull(scope, { sinceMs })) {
        pulled += page.items.length
        for (const item of page.items) changes += item.record.changes.length
        sampleRss()
      }
      return { pulled, changes }
    },
    async census() {
      let keys = 0
      for await (const page of connector.listKeys(scope)) keys += page.length
      sampleRss()
      return keys
    },
    peakRssMb: () => (Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1e6).toFixed(0),
  }
}

/** `n` per second over `ms`, as text. */
export const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en')

/** The machine and its load average, as the first line of a benchmark. */
export function machineLine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  return `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${load}`
}

/** The full pull's line: items, changes, rate and CPU per item. */
export function fullPullLine(
  pull: Awaited<ReturnType<typeof measure<{ pulled: number; changes: number }>>>,
  what: string,
): string {
  const { pulled, changes } = pull.result
  return `full pull: ${pulled.toLocaleString('en')} items (${changes.toLocaleString('en')} ${what}) in ${(pull.ms / 1000).toFixed(1)} s = ${perSecond(pulled, pull.ms)} items/s; CPU ${(pull.cpuMs / pulled).toFixed(3)} ms per item (connector process)`
}

/**
 * The usual run of a pull benchmark, printed: a full pull, `edits` items changed by the fake, an
 * incremental pull of what changed since the full pull began (less a minute's overlap, as the
 * engine asks), a key census, and the connector process's peak RSS; then the fake stops.
 */
export async function runPullBench(at: {
  connector: Connector
  scope: ScopeSpec
  fake: Awaited<ReturnType<typeof startFakeTool>>
  /** What the changes are, for the full pull's line (`changes, 8 state changes each`). */
  what: string
  edits?: number
}): Promise<void> {
  const meter = pullMeter(at.connector, at.scope)
  const pullStart = Date.now()
  const pull = await measure(() => meter.pull())
  const edited = await at.fake.edit(at.edits ?? 100)
  const incremental = await measure(() => meter.pull(pullStart - 60_000))
  const census = await measure(() => meter.census())
  at.fake.stop()
  console.log(machineLine())
  console.log(fullPullLine(pull, at.what))
  console.log(
    `incremental pull after ${edited} items changed: ${incremental.result.pulled} items in ${(incremental.ms / 1000).toFixed(2)} s`,
  )
  console.log(
    `key census: ${census.result.toLocaleString('en')} keys in ${(census.ms / 1000).toFixed(2)} s`,
  )
  console.log(`peak RSS of the connector process: ${meter.peakRssMb()} MB`)
}
