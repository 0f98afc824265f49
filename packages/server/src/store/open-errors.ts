import { VmoError } from '@openvmo/core'

const CREATE_HINT = 'create one with `vmo import` or `vmo demo`'

/** `NOT_FOUND`: a reading command named a SQLite store file that does not exist. */
export function missingStoreError(path: string): VmoError {
  return new VmoError('NOT_FOUND', `no openvmo store at "${path}" (${CREATE_HINT})`)
}

/** `INVALID_INPUT`: the file or database exists but openvmo never created its tables there. */
export function notAStoreError(location: string, reason: string, cause?: unknown): VmoError {
  return new VmoError('INVALID_INPUT', `${location} is not an openvmo store (${reason})`, {
    cause,
  })
}

/** The reason given when a database has none of openvmo's tables. */
export const NO_OPENVMO_TABLES = `it has no openvmo tables and was left as it is; ${CREATE_HINT}`
