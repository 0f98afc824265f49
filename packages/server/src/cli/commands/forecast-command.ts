import type { Command } from 'commander'
import {
  DEFAULT_FORECAST_SEED,
  DEFAULT_TRIALS,
  DEFAULT_WINDOW_DAYS,
  forecastThroughLinks,
  forecastScopeHowMany,
  forecastScopeWhen,
  VmoError,
} from '@openvmo/core'
import type { FlowInput, Scope } from '@openvmo/core'
import type { CliIo } from '../cli-io'
import { EXIT_OK, EXIT_RUNTIME } from '../exit-codes'
import { addFlowInputOptions } from '../flow-input-options'
import type { FlowInputOptions } from '../flow-input-options'
import { loadFlowInput } from '../load-flow-input'
import { positiveInt } from '../number-options'
import type { CliStoreOptions } from '../open-cli-store'
import type { Store } from '../../store/store'
import { collectDeliveryGraph, linksOfRecords } from '../../api/views/delivery-graph'
import { collectSetDelivery, itemSetForecast, selectItemSet } from '../../api/views/item-set'
import type { ItemSetQuery } from '../../api/views/item-set'
import { printJson } from '../render/output-format'
import {
  renderHowMany,
  renderItemForecast,
  renderSetForecast,
  renderWhen,
} from '../render/forecast-text'

interface ForecastOptions extends FlowInputOptions {
  stream?: string
  team?: string[]
  trials?: string
  seed?: string
  window?: string
  json?: boolean
}

/**
 * Runs `use` on the CLI's store; the store (and its database drivers) is loaded only here, when a
 * forecast reads links from it, so a forecast of a history file loads none.
 */
async function withCliStore<T>(
  options: CliStoreOptions,
  io: CliIo,
  use: (store: Store) => Promise<T>,
): Promise<T> {
  const { withStore } = await import('../open-cli-store')
  return withStore(options, io, use)
}

function common(options: ForecastOptions) {
  const scope: Scope = {}
  if (options.stream) scope.valueStream = options.stream
  if (options.team?.length) scope.teams = options.team
  return {
    // No --stream or --team: the forecast's own default (an item's first value stream).
    scope: options.stream || options.team?.length ? scope : undefined,
    trials: positiveInt(options.trials, 'trials', DEFAULT_TRIALS),
    seed: positiveInt(options.seed, 'seed', DEFAULT_FORECAST_SEED),
    windowDays: positiveInt(options.window, 'window', DEFAULT_WINDOW_DAYS),
  }
}

function withForecastOptions(command: Command): Command {
  return addFlowInputOptions(command)
    .option('--stream <name>', 'value stream')
    .option('--team <name...>', 'team(s)')
    .option('--trials <n>', 'Monte Carlo trials', String(DEFAULT_TRIALS))
    .option('--seed <n>', 'random seed (same seed, same answer)', String(DEFAULT_FORECAST_SEED))
    .option('--window <days>', 'throughput window in days', String(DEFAULT_WINDOW_DAYS))
    .option('--json', 'print JSON')
}

function findItem(input: FlowInput, key: string, source?: string): number {
  const { dataset } = input
  for (let i = 0; i < dataset.itemCount; i++) {
    if (dataset.itemKey[i] !== key) continue
    if (!source || dataset.sources.valueOf(dataset.itemSource[i] ?? -1) === source) return i
  }
  throw new VmoError('NOT_FOUND', `item "${source ? `${source}:` : ''}${key}" is not in the data`)
}

/** Exit 1 when the forecast was refused (too little history): the answer is not a date. */
function exitOf(forecast: { kind: string }): number {
  return forecast.kind === 'insufficient_data' ? EXIT_RUNTIME : EXIT_OK
}

/**
 * `vmo forecast when|how-many|item`: Monte Carlo forecasts with their backtest. `--json` prints
 * what the API answers; a refused forecast exits 1.
 */
export function registerForecastCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  const forecast = program
    .command('forecast')
    .description('Monte Carlo forecasts: when, how many, one item')
  withForecastOptions(
    forecast
      .command('when')
      .description('when will N items be done')
      .requiredOption('--items <n>', 'how many items'),
  ).action(async (options: ForecastOptions & { items: string }) => {
    const input = await loadFlowInput(options, io)
    const result = forecastScopeWhen(input, {
      ...common(options),
      items: positiveInt(options.items, 'items', 1),
    })
    if (options.json) printJson(io, result)
    else io.stdout(renderWhen(result, Number(options.items)))
    setExit(exitOf(result.forecast))
  })
  withForecastOptions(
    forecast
      .command('how-many')
      .description('how many items by a date')
      .requiredOption('--date <date>', 'last day counted (YYYY-MM-DD)'),
  ).action(async (options: ForecastOptions & { date: string }) => {
    const input = await loadFlowInput(options, io)
    const result = forecastScopeHowMany(input, { ...common(options), untilDate: options.date })
    if (options.json) printJson(io, result)
    else io.stdout(renderHowMany(result, options.date))
    setExit(exitOf(result.forecast))
  })
  withForecastOptions(
    forecast
      .command('item')
      .description('when will one item be done')
      .argument('<key>', 'the item key')
      .option('--source <name>', 'the item source when keys repeat'),
  ).action(async (key: string, options: ForecastOptions & { source?: string }) => {
    const input = await loadFlowInput(options, io, { keepRecords: true })
    const item = findItem(input, key, options.source)
    const delivery = input.records
      ? await collectDeliveryGraph(linksOfRecords(input.records), input.dataset, item)
      : await withCliStore(options, io, (store) => collectDeliveryGraph(store, input.dataset, item))
    const result = forecastThroughLinks(input, { ...common(options), item, delivery })
    if (options.json) printJson(io, result)
    else io.stdout(renderItemForecast(result, key))
    setExit(exitOf(result))
  })
  withForecastOptions(
    forecast
      .command('set')
      .description(
        'when will a set of items be done (keys, an epic, a fix version, a label, a query)',
      )
      .option('--keys <keys>', 'comma-separated keys (PAY-1,jira:PAY-2)')
      .option('--epic <key>', 'an epic (or any parent): the open work below it')
      .option('--label <label>', 'items with this label')
      .option('--fix-version <version>', 'items with this fix version')
      .option('--query <text>', 'items whose key, title, labels or fields contain the text'),
  ).action(async (options: ForecastOptions & SetOptions) => {
    const input = await loadFlowInput(options, io, { keepRecords: true })
    const items = selectItemSet(input.dataset, setQueryOf(options))
    const delivery = input.records
      ? await collectSetDelivery(linksOfRecords(input.records), input, items)
      : await withCliStore(options, io, (store) => collectSetDelivery(store, input, items))
    const result = itemSetForecast(input, { ...common(options), items, delivery })
    if (options.json) printJson(io, result)
    else io.stdout(renderSetForecast(result))
  })
}

interface SetOptions {
  keys?: string
  epic?: string
  label?: string
  fixVersion?: string
  query?: string
}

function setQueryOf(options: SetOptions): ItemSetQuery {
  return {
    keys: options.keys
      ?.split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    epic: options.epic,
    label: options.label,
    fixVersion: options.fixVersion,
    q: options.query,
  }
}
