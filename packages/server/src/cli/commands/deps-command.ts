import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import type { CliIo } from '../cli-io'
import type { Store } from '../../store/store'
import { addFlowInputOptions } from '../flow-input-options'
import type { FlowInputOptions } from '../flow-input-options'
import { loadFlowInput } from '../load-flow-input'
import { addRangeOptions, resolveRange } from '../range-options'
import type { RangeOptions } from '../range-options'
import { printJson } from '../render/output-format'
import { reportSkipped } from '../report-skipped'
import type { DependencyGrouping } from '../../api/views/dependency-groups'
import { DEPENDENCY_GROUPINGS } from '../../api/views/dependency-groups'
import { dependenciesView } from '../../api/views/dependencies-view'
import { allLinksOfRecords, loadDependencyLinks } from '../../api/views/dependency-link-loading'
import { createViewContext } from '../../api/views/view-context'
import { renderDependencies } from '../render/dependencies-text'

type DepsOptions = FlowInputOptions & RangeOptions & { by: string; json?: boolean }

function groupingOf(by: string): DependencyGrouping {
  const found = DEPENDENCY_GROUPINGS.find((g) => g === by)
  if (found) return found
  throw new VmoError(
    'INVALID_INPUT',
    `--by "${by}" is not one of ${DEPENDENCY_GROUPINGS.join(', ')}`,
  )
}

/** `vmo deps`: the dependency graph (docs/metrics.md, "Dependencies"), the same as the API. */
export function registerDepsCommand(program: Command, io: CliIo): void {
  const command = program
    .command('deps')
    .description('which teams or value streams held up the items while they waited, and how long')
    .option('--by <grouping>', 'group items by team or stream', 'team')
    .option('--json', 'print JSON (the same as GET /api/v1/dependencies)')
  addRangeOptions(addFlowInputOptions(command)).action(async (options: DepsOptions) => {
    const by = groupingOf(options.by)
    const input = await loadFlowInput(options, io, { keepRecords: true })
    reportSkipped(io, input.skipped)
    const range = resolveRange(options, input.timelines.asOfMs, input.config.timezone)
    if (range.period === 'custom') {
      throw new VmoError('INVALID_INPUT', '--period custom is not supported by vmo deps')
    }
    const links = input.records
      ? await loadDependencyLinks(allLinksOfRecords(input.records), input.dataset)
      : await withCliStore(options, io, (store) => loadDependencyLinks(store, input.dataset))
    const params = {
      ...range,
      period: range.period,
      zone: input.config.timezone,
      asOfMs: input.timelines.asOfMs,
    }
    const ctx = createViewContext(input, params)
    const result = dependenciesView(ctx, { links, by, readable: null })
    if (options.json) printJson(io, result)
    else io.stdout(renderDependencies(result))
  })
}

async function withCliStore<T>(
  options: FlowInputOptions,
  io: CliIo,
  use: (store: Store) => Promise<T>,
): Promise<T> {
  const { withStore } = await import('../open-cli-store')
  return withStore(options, io, use)
}
