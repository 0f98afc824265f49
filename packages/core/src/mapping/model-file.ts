import * as z from 'zod'
import { Document, parseDocument } from 'yaml'
import { VmoError } from '../errors'
import { parseYamlAgainst } from './load-mapping'
import { nameSchema, strictObject, valueStreamSchema } from './mapping-schema'

/**
 * The top-level keys of `openvmo.yaml` that hold the organisation model: the value streams (with
 * the items they match), products, teams and customers. A model file holds these keys only, so
 * it can be kept in git beside the code and imported as a whole.
 */
export const MODEL_FILE_KEYS = ['valueStreams', 'products', 'teams', 'customers'] as const

const entrySchema = z.looseObject({ name: nameSchema })

const modelFileSchema = strictObject({
  valueStreams: z.array(valueStreamSchema).optional(),
  products: z.array(entrySchema).optional(),
  teams: z.array(entrySchema).optional(),
  customers: z.array(entrySchema).optional(),
})

function mappingDocument(text: string): Document {
  const doc = parseDocument(text)
  if (doc.errors.length > 0) {
    throw new VmoError(
      'INVALID_CONFIG',
      'the current mapping cannot be read, so its model cannot be taken from it: fix it first',
    )
  }
  return doc
}

const WRITE = { lineWidth: 100, flowCollectionPadding: false } as const

/**
 * The model of the mapping text `mappingYaml` as a model file: its {@link MODEL_FILE_KEYS}, in
 * that order, with their comments; an empty document when it has none.
 */
export function extractModelFile(mappingYaml: string): string {
  const doc = mappingDocument(mappingYaml)
  const out = new Document({})
  for (const key of MODEL_FILE_KEYS) {
    const node = doc.get(key, true)
    if (node !== undefined) out.set(key, node)
  }
  out.commentBefore =
    ' The organisation model of openvmo.yaml: value streams, products, teams, customers.'
  return out.toString(WRITE)
}

/**
 * The mapping text `mappingYaml` with its model replaced by the model file `modelYaml`: each of
 * {@link MODEL_FILE_KEYS} becomes the file's (a key the file lacks is removed: the file is the
 * whole model); the state and type mapping, rules and every other key stay as they are.
 * INVALID_CONFIG located in `fileName` when the file is not YAML, holds another key, or an entry
 * without a name or a value stream the mapping's schema refuses.
 */
export function replaceModelFile(mappingYaml: string, modelYaml: string, fileName: string): string {
  const doc = mappingDocument(mappingYaml)
  const { source } = parseYamlAgainst(modelYaml, fileName, modelFileSchema)
  for (const key of MODEL_FILE_KEYS) {
    const node = source.doc.get(key, true)
    if (node === undefined) doc.delete(key)
    else doc.set(key, node)
  }
  return doc.toString(WRITE)
}
