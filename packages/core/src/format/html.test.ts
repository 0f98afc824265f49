import { describe, expect, test } from 'vitest'
import { escapeHtml, html, htmlFragment } from './html'

describe('html', () => {
  test('escapes every interpolated value when it carries markup', () => {
    const key = 'XSS-1<img src=x onerror="alert(1)">'
    expect(html`${key}: ${3} days`).toBe(
      'XSS-1&lt;img src=x onerror=&quot;alert(1)&quot;&gt;: 3 days',
    )
  })

  test('keeps the template markup and composes fragments without escaping them twice', () => {
    const title = htmlFragment`<br/>${"O'Brien & <b>"}`
    expect(html`<b>${'A&B'}</b>${title}`).toBe('<b>A&amp;B</b><br/>O&#39;Brien &amp; &lt;b&gt;')
  })

  test('renders null and undefined as nothing and escapes each array element', () => {
    expect(html`${null}${undefined}|${['<a>', htmlFragment`<i>${'<'}</i>`]}`).toBe(
      '|&lt;a&gt;<i>&lt;</i>',
    )
  })

  test('escapes backticks and single quotes used to break out of attributes', () => {
    expect(escapeHtml("`'")).toBe('&#96;&#39;')
  })
})
