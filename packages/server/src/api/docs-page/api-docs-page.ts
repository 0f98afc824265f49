import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { VmoError } from '@openvmo/core'

/** Where the reference page's files are served from (same origin: it works offline). */
export const API_DOCS_ASSETS = '/api/docs/assets'

/**
 * The page's policy: scripts and styles from this server only (the page starts Swagger UI from a
 * served file, no inline script); inline style attributes are what Swagger UI renders with.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

// Starts Swagger UI on the OpenAPI document; validatorUrl null: no badge fetched from elsewhere.
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
  })
})
`

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>openvmo API reference</title>
    <link rel="stylesheet" href="${API_DOCS_ASSETS}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${API_DOCS_ASSETS}/swagger-ui-bundle.js"></script>
    <script src="${API_DOCS_ASSETS}/init.js"></script>
  </body>
</html>
`

/** The files of the swagger-ui-dist package the page loads, with their content types. */
const PACKAGE_ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const cache = new Map<string, Promise<Buffer>>()

function packageFile(name: string): Promise<Buffer> {
  let file = cache.get(name)
  if (!file) {
    file = readFile(join(distDir, name))
    file.catch(() => cache.delete(name))
    cache.set(name, file)
  }
  return file
}

/**
 * Mounts the API reference page at `/api/docs`: Swagger UI from the `swagger-ui-dist` package,
 * served by this server under {@link API_DOCS_ASSETS} (nothing loaded from other origins), on
 * `/api/openapi.json`, under a content security policy without inline scripts.
 */
export function mountApiDocs(app: OpenAPIHono): void {
  app.get('/api/docs', (c) => c.html(PAGE, 200, SECURITY_HEADERS))
  app.get(`${API_DOCS_ASSETS}/init.js`, (c) =>
    c.body(INIT_SCRIPT, 200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  )
  app.get(`${API_DOCS_ASSETS}/:name`, async (c) => {
    const name = c.req.param('name')
    const type = Object.hasOwn(PACKAGE_ASSETS, name) ? PACKAGE_ASSETS[name] : undefined
    if (!type) throw new VmoError('NOT_FOUND', `no API reference asset "${name}"`)
    const body = await packageFile(name)
    return c.body(new Uint8Array(body), 200, {
      ...SECURITY_HEADERS,
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    })
  })
}
