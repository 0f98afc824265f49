// The escaping `html` tag lives in core, shared with the server's HTML report.
export { SafeHtml, escapeHtml, html, htmlFragment } from '@openvmo/core'
