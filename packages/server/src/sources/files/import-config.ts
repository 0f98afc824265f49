import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import * as z from 'zod'
import { IANAZone } from 'luxon'
import { VmoError } from '@openvmo/core'
import { GENERIC_ITEM_ROLES } from '../generic-csv/generic-csv-columns'
import type { GenericItemRole } from '../generic-csv/generic-csv-columns'
import { IMPORT_FORMATS } from './import-file'
import type { ImportFormat } from './import-file'

/** The `import:` section of `openvmo.yaml`: defaults of `vmo import` for the files of a tool. */
export interface ImportSection {
  format?: ImportFormat
  source?: string
  timezone?: string
  /** Generic CSV: role → header name. */
  columns?: Partial<Record<GenericItemRole, string>>
}

const text = z.string().trim().min(1, 'is empty')

const importSectionSchema = z.strictObject(
  {
    format: z
      .enum(IMPORT_FORMATS, { error: `is not one of ${IMPORT_FORMATS.join(', ')}` })
      .optional(),
    source: text.optional(),
    timezone: text
      .refine((zone) => IANAZone.isValidZone(zone), 'is not an IANA time zone (e.g. Europe/Berlin)')
      .optional(),
    columns: z
      .strictObject(
        Object.fromEntries(GENERIC_ITEM_ROLES.map((role) => [role, text.optional()])) as Record<
          GenericItemRole,
          z.ZodOptional<typeof text>
        >,
        {
          error: `has a key that is not a column role (expected ${GENERIC_ITEM_ROLES.join(', ')})`,
        },
      )
      .optional(),
  },
  { error: 'has a key that is not format, source, timezone or columns' },
)

/**
 * Reads the `import:` section of an `openvmo.yaml` (the rest of the file is the mapping and is
 * not read here); `{}` when the file has none. Throws `VmoError('NOT_FOUND')` when the file cannot
 * be read and `VmoError('INVALID_CONFIG')` naming the file and the key (`import.columns.kee`) when
 * the section is not valid.
 */
export async function readImportSection(path: string): Promise<ImportSection> {
  const source = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw new VmoError('NOT_FOUND', `cannot read the configuration file "${path}"`, { cause })
  })
  let document: unknown
  try {
    document = parse(source)
  } catch (cause) {
    throw new VmoError('INVALID_CONFIG', `${path}: not valid yaml: ${(cause as Error).message}`, {
      cause,
    })
  }
  const section = (document as { import?: unknown } | null)?.import
  if (section === undefined || section === null) return {}
  const result = importSectionSchema.safeParse(section)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = ['import', ...(issue?.path ?? []).map(String)].join('.')
  const keys =
    issue?.code === 'unrecognized_keys' ? ` (${issue.keys.map((k) => `"${k}"`).join(', ')})` : ''
  throw new VmoError(
    'INVALID_CONFIG',
    `${path}: ${where} ${issue?.message ?? 'is not valid'}${keys}`,
    {
      details: { file: path, path: where },
    },
  )
}
