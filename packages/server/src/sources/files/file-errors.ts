import { VmoError } from '@openvmo/core'

/**
 * The error for a file (or folder) that cannot be opened or read, naming `path` as the user gave
 * it and the cause in words, without a stack: NOT_FOUND when it does not exist, INVALID_INPUT
 * when it is a folder where a file is expected, when permission is denied, or for any other
 * system error (its code and message). A VmoError passes unchanged.
 */
export function fileReadError(path: string, error: unknown): VmoError {
  if (error instanceof VmoError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const options = { cause: error, details: { file: path } }
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new VmoError('NOT_FOUND', `"${path}" does not exist`, options)
    case 'EISDIR':
      return new VmoError('INVALID_INPUT', `"${path}" is a folder, not a file`, options)
    case 'EACCES':
    case 'EPERM':
      return new VmoError('INVALID_INPUT', `"${path}" cannot be read: permission denied`, options)
    default: {
      const message = error instanceof Error ? error.message.toLowerCase() : String(error)
      return new VmoError('INVALID_INPUT', `"${path}" cannot be read: ${message}`, options)
    }
  }
}
