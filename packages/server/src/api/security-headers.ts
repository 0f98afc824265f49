import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/**
 * The dashboard's content security policy: scripts, data and fonts from this server only, no
 * inline script, nothing may frame it. Inline styles are allowed: Mantine adds its theme as a
 * `<style>` element and ECharts' tooltips carry `style` attributes.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

/**
 * Security headers on every response (API answers, errors, the dashboard's files): the content
 * security policy above (a page that sets its own, as `/api/docs`, keeps it),
 * `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`,
 * and Hono's other defaults. Strict-Transport-Security is left to the TLS-terminating proxy.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
    overwrite: false,
  })
}
