const TAB = 0x09
const FIRST_PRINTABLE = 0x20

/**
 * Why `text` cannot be an item key or a source name: it holds a C0 control character (U+0000 to
 * U+001F, tab excepted; e.g. `control character U+0000`), which no tool puts in a key and which
 * would be invisible in every report; undefined when it holds none.
 */
export function findControlCharacter(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < FIRST_PRINTABLE && code !== TAB) {
      return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    }
  }
  return undefined
}
