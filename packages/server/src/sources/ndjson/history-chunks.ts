import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { TextDecoder } from 'node:util'
import { createGunzip } from 'node:zlib'
import { VmoError } from '@openvmo/core'
import { fileReadError } from '../files/file-errors'

const CHUNK_BYTES = 1 << 20
/** Chunks of a plain file being read ahead of the one handled. */
const READ_AHEAD = 2
const GZIP_MAGIC = [0x1f, 0x8b]
const UTF16_BOMS: readonly [number, number, 'utf-16le' | 'utf-16be'][] = [
  [0xff, 0xfe, 'utf-16le'],
  [0xfe, 0xff, 'utf-16be'],
]

/** What the first bytes of a history file say about it. */
export interface FileFacts {
  /** Size on disk (compressed for gzip). */
  totalBytes: number
  gzip: boolean
}

/** Size and compression of `path`; the errors of {@link fileReadError} when it cannot be read. */
export async function inspectFile(path: string): Promise<FileFacts> {
  try {
    const handle = await open(path, 'r')
    try {
      const head = Buffer.alloc(2)
      const { bytesRead } = await handle.read(head, 0, 2, 0)
      const gzip = bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
      return { totalBytes: (await handle.stat()).size, gzip }
    } finally {
      await handle.close()
    }
  } catch (error) {
    throw fileReadError(path, error)
  }
}

/**
 * The chunks of a plain file, the next ones already being read while the caller handles the
 * current one (a stream reads one chunk on demand, and on a busy machine the main thread then
 * waits for each read).
 */
async function* plainChunks(
  path: string,
  onBytes: (count: number) => void,
): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r')
  let position = 0
  const read = () => {
    const at = position
    position += CHUNK_BYTES
    return handle.read(Buffer.allocUnsafe(CHUNK_BYTES), 0, CHUNK_BYTES, at)
  }
  const pending = Array.from({ length: READ_AHEAD }, read)
  try {
    for (;;) {
      const next = pending.shift()
      if (next === undefined) return
      const { bytesRead, buffer } = await next
      if (bytesRead === 0) return
      onBytes(bytesRead)
      if (bytesRead < CHUNK_BYTES) {
        // the end of the file (or a short read): go on from there, dropping the reads ahead
        position += bytesRead - CHUNK_BYTES * (pending.length + 1)
        await Promise.allSettled(pending.splice(0))
      }
      while (pending.length < READ_AHEAD) pending.push(read())
      yield bytesRead < buffer.length ? buffer.subarray(0, bytesRead) : buffer
    }
  } finally {
    await Promise.allSettled(pending)
    await handle.close()
  }
}

function gzipChunks(path: string, onBytes: (count: number) => void): AsyncIterable<Buffer> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES })
  file.on('data', (chunk) => onBytes(chunk.length))
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES })
  file.on('error', (error) => gunzip.destroy(error))
  gunzip.on('close', () => file.destroy())
  return file.pipe(gunzip) as AsyncIterable<Buffer>
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && code.startsWith('Z_')
}

function gzipError(file: string, error: unknown): VmoError {
  const reason = `not a valid gzip file (${(error as Error).message.toLowerCase()})`
  return new VmoError('INVALID_INPUT', `${basename(file)}: ${reason}`, {
    cause: error,
    details: { file, reason },
  })
}

/** The rest of an iterator's values. */
async function* rest(iterator: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
    yield next.value
  }
}

/** The first bytes of `iterator`: at least two unless the data is shorter. */
async function peek(iterator: AsyncIterator<Buffer>): Promise<Buffer> {
  let head: Buffer = Buffer.alloc(0)
  while (head.length < 2) {
    const next = await iterator.next()
    if (next.done === true) break
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value])
  }
  return head
}

function utf16Decoder(encoding: 'utf-16le' | 'utf-16be', path: string) {
  const decoder = new TextDecoder(encoding, { fatal: true })
  return (bytes: Buffer, stream: boolean): Buffer => {
    try {
      return Buffer.from(decoder.decode(bytes, { stream }), 'utf8')
    } catch (cause) {
      const message = `${basename(path)}: not valid ${encoding} although it starts with a utf-16 byte-order mark; save it as utf-8`
      throw new VmoError('INVALID_INPUT', message, { cause, details: { file: path } })
    }
  }
}

/**
 * The chunks as UTF-8: UTF-16 data (recognised by its byte-order mark, little or big endian) is
 * decoded and re-encoded chunk by chunk; anything else passes unchanged.
 */
async function* asUtf8(chunks: AsyncIterable<Buffer>, path: string): AsyncGenerator<Buffer> {
  const iterator = chunks[Symbol.asyncIterator]()
  try {
    const head = await peek(iterator)
    const encoding = UTF16_BOMS.find(([a, b]) => head[0] === a && head[1] === b)?.[2]
    if (encoding === undefined) {
      if (head.length > 0) yield head
      yield* rest(iterator)
      return
    }
    const decode = utf16Decoder(encoding, path)
    yield decode(head, true)
    for await (const chunk of rest(iterator)) yield decode(chunk, true)
    yield decode(Buffer.alloc(0), false)
  } finally {
    await iterator.return?.()
  }
}

/**
 * The bytes of a history file as UTF-8 chunks of about 1 MB: gunzipped when `facts.gzip`, decoded
 * when UTF-16 (with a byte-order mark); `onBytes` gets the count of each chunk read from disk.
 * Errors name the file: corrupt gzip data (`h.ndjson.gz: not a valid gzip file (unexpected end
 * of file)`), invalid UTF-16, a file that cannot be read (see {@link fileReadError}).
 */
export async function* readHistoryChunks(
  path: string,
  facts: FileFacts,
  onBytes: (count: number) => void,
): AsyncGenerator<Buffer> {
  const raw = facts.gzip ? gzipChunks(path, onBytes) : plainChunks(path, onBytes)
  try {
    yield* asUtf8(raw, path)
  } catch (error) {
    if (isZlibError(error)) throw gzipError(path, error)
    throw fileReadError(path, error)
  }
}
