/** Text that is already HTML: built only by {@link html}, so it is never escaped twice. */
export class SafeHtml {
  readonly #markup: string
  constructor(markup: string) {
    this.#markup = markup
  }
  toString(): string {
    return this.#markup
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/** `value` as HTML text: `& < > " ' \`` become entities; null and undefined become ''. */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return ''
  return String(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c)
}

/**
 * The one way the dashboard builds HTML for ECharts (tooltip, label and legend formatters that
 * ECharts inserts as markup): a tagged template that escapes every interpolated value, unless
 * the value is itself {@link SafeHtml} from another `html` template (so fragments compose).
 * Arrays are joined after escaping each element. Returns a string, as ECharts expects.
 *
 * ```ts
 * formatter: (p) => html`${p.data.key}<br/>${p.data.title}`
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  return htmlFragment(strings, ...values).toString()
}

/** As {@link html}, but returns {@link SafeHtml} to embed in another `html` template. */
export function htmlFragment(
  strings: TemplateStringsArray,
  ...values: readonly unknown[]
): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += piece(value) + (strings[i + 1] ?? '')
  })
  return new SafeHtml(out)
}

function piece(value: unknown): string {
  if (value instanceof SafeHtml) return value.toString()
  if (Array.isArray(value)) return value.map(piece).join('')
  return escapeHtml(value)
}
