// A chart's PNG with what it shows written above it: the chart image (ECharts' own export) drawn
// under a header block of text lines, and the same lines in the PNG's iTXt chunks (`Title`,
// `Description`) for tools that read image metadata.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/**
 * A PNG iTXt chunk (international text): Latin-1 keyword, NUL, no compression, no language tag,
 * no translated keyword, then the text in UTF-8, so stream names keep their accents.
 */
function textChunk(keyword: string, text: string): Uint8Array {
  const utf8 = new TextEncoder()
  const data = new Uint8Array([
    ...utf8.encode('iTXt'),
    ...utf8.encode(keyword.replace(/[^\x20-\x7e]/g, '_')),
    0,
    0,
    0,
    0,
    0,
    ...utf8.encode(text),
  ])
  const chunk = new Uint8Array(data.length + 8)
  const view = new DataView(chunk.buffer)
  view.setUint32(0, data.length - 4)
  chunk.set(data, 4)
  view.setUint32(data.length + 4, crc32(data))
  return chunk
}

/** Inserts iTXt chunks after the IHDR chunk (signature 8 bytes + IHDR 25 bytes). */
export function withPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  const at = 33
  const chunks = Object.entries(entries).map(([key, text]) => textChunk(key, text))
  const size = chunks.reduce((sum, c) => sum + c.length, 0)
  const out = new Uint8Array(png.length + size)
  out.set(png.subarray(0, at), 0)
  let offset = at
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  out.set(png.subarray(at), offset)
  return out
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('the chart image could not be read for export'))
    image.src = url
  })
}

/** Splits `text` into lines no wider than `width` at word boundaries. */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word
    if (line && context.measureText(candidate).width > width) {
      lines.push(line)
      line = word
    } else line = candidate
  }
  if (line) lines.push(line)
  return lines
}

/**
 * The chart image (`chartUrl`, drawn at `pixelRatio`) under a header: the first line bold as the
 * title, the others below it, wrapped to the image width. Returns PNG bytes with the lines also
 * in iTXt chunks.
 */
export async function composePng(
  chartUrl: string,
  lines: readonly string[],
  style: { background: string; color: string; muted: string; pixelRatio: number },
): Promise<Uint8Array> {
  const image = await loadImage(chartUrl)
  const scale = style.pixelRatio
  const pad = 12 * scale
  const font = (size: number, weight = 400) =>
    `${weight} ${size * scale}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`
  const measure = document.createElement('canvas').getContext('2d')
  if (!measure) throw new Error('this browser cannot draw a canvas for the PNG export')
  const [title = '', ...rest] = lines
  const laid: { text: string; font: string; color: string; height: number }[] = []
  const width = Math.max(image.width, 320 * scale)
  measure.font = font(16, 700)
  for (const text of wrap(measure, title, width - 2 * pad))
    laid.push({ text, font: font(16, 700), color: style.color, height: 22 * scale })
  measure.font = font(12)
  for (const line of rest)
    for (const text of wrap(measure, line, width - 2 * pad))
      laid.push({ text, font: font(12), color: style.muted, height: 17 * scale })
  const header = pad * 2 + laid.reduce((sum, l) => sum + l.height, 0)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = header + image.height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('this browser cannot draw a canvas for the PNG export')
  context.fillStyle = style.background
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.textBaseline = 'top'
  let y = pad
  for (const line of laid) {
    context.font = line.font
    context.fillStyle = line.color
    context.fillText(line.text, pad, y)
    y += line.height
  }
  context.drawImage(image, 0, header)
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the PNG export could not be encoded'))),
      'image/png',
    ),
  )
  const png = new Uint8Array(await blob.arrayBuffer())
  return withPngText(png, { Title: title, Description: rest.join(' | ') })
}
