import { describe, expect, test } from 'vitest'
import { fileReadError } from './file-errors'

/** A system error as Node makes it (only root can be denied nothing, so it is built here). */
const systemError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('fileReadError', () => {
  test('names the path and the cause in words when the system refuses the file', () => {
    const cases: [string, string, string][] = [
      ['ENOENT', 'NOT_FOUND', '"a/b.ndjson" does not exist'],
      ['EISDIR', 'INVALID_INPUT', '"a/b.ndjson" is a folder, not a file'],
      ['EACCES', 'INVALID_INPUT', '"a/b.ndjson" cannot be read: permission denied'],
      ['EIO', 'INVALID_INPUT', '"a/b.ndjson" cannot be read: eio: i/o error, read'],
    ]
    for (const [code, vmoCode, message] of cases) {
      const error = fileReadError('a/b.ndjson', systemError(code, `${code}: i/o error, read`))
      expect({ code: error.code, message: error.message }).toEqual({ code: vmoCode, message })
      expect(error.details).toEqual({ file: 'a/b.ndjson' })
    }
  })
})
