import { readFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import {
  VmoError,
  compileMapping,
  extractModelFile,
  parseMappingYaml,
  replaceModelFile,
} from '@openvmo/core'
import { createTwoFilesPatch } from 'diff'
import type { Store } from '../../store/store'
import type { CliIo } from '../cli-io'
import { auditCliWrite } from '../cli-audit'
import { withStore } from '../open-cli-store'

const DB_HELP = 'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)'

async function currentMapping(store: Store) {
  const current = await store.findCurrentMapping()
  if (!current) {
    throw new VmoError(
      'NOT_FOUND',
      'no mapping is saved yet, so there is no model: save one first (vmo map save openvmo.yaml)',
    )
  }
  return current
}

function registerExport(model: Command, io: CliIo): void {
  model
    .command('export')
    .description(
      "write the model (value streams, products, teams, customers) of the store's mapping as YAML",
    )
    .option('--out <file>', 'write it to this file (default: standard output)')
    .option('--db <path>', DB_HELP)
    .action(async (options: { out?: string; db?: string }) => {
      await withStore(options, io, async (store) => {
        const text = extractModelFile((await currentMapping(store)).yaml)
        if (options.out) await writeFile(options.out, text)
        else io.stdout(text)
      })
    })
}

/** Saves `next` as the mapping's next version over `version`, checked against the stored items. */
async function saveImported(store: Store, next: string, version: number): Promise<number> {
  const { loadMappedDataset } = await import('../../store/mapped-dataset')
  const { modelFromMapping } = await import('../../store/mapping-model')
  const config = parseMappingYaml(next, 'openvmo.yaml')
  compileMapping(config, await loadMappedDataset(store, config))
  return store.saveMappingVersion(next, { expectedVersion: version, model: modelFromMapping(next) })
}

function registerImport(model: Command, io: CliIo): void {
  model
    .command('import')
    .description(
      "replace the model of the store's mapping with a model file: shows the difference, then saves it as the next mapping version in one transaction",
    )
    .argument('<file>', 'the model file (as vmo model export writes it)')
    .option('--dry-run', 'only show the difference')
    .option('--db <path>', DB_HELP)
    .action(async (file: string, options: { dryRun?: boolean; db?: string }) => {
      const text = await readFile(file, 'utf8').catch((cause: unknown) => {
        throw new VmoError('NOT_FOUND', `cannot read the model file "${file}"`, { cause })
      })
      await withStore(options, io, async (store, label) => {
        const current = await currentMapping(store)
        const next = replaceModelFile(current.yaml, text, file)
        if (next === current.yaml)
          return io.stdout('the model is already as in the file: nothing to save\n')
        const name = `openvmo.yaml (version ${current.version})`
        io.stdout(createTwoFilesPatch(name, `openvmo.yaml (${basename(file)})`, current.yaml, next))
        if (options.dryRun) return io.stdout('dry run: nothing saved\n')
        const version = await saveImported(store, next, current.version)
        await auditCliWrite(store, io, {
          action: 'model.import',
          target: basename(file),
          detail: { version },
        })
        io.stdout(`saved the model of ${file} as mapping version ${version} of ${label}\n`)
      })
    })
}

/** `vmo model export|import`: the organisation model as a YAML file, for those who keep it in git. */
export function registerModelCommand(program: Command, io: CliIo): void {
  const model = program
    .command('model')
    .description(
      'the organisation model (value streams, products, teams, customers) as a YAML file',
    )
  registerExport(model, io)
  registerImport(model, io)
}
