import type { Context } from 'hono'
import type { z } from '@hono/zod-openapi'
import { OpenAPIHono } from '@hono/zod-openapi'
import { VmoError } from '@openvmo/core'
import type { Store } from '../../store/store'
import { digest } from '../data-version'
import type { FlowService } from '../flow-service'
import { ErrorResponseSchema } from '../schemas/common-schemas'

/** What every route module needs. */
export interface ApiDeps {
  store: Store
  service: FlowService
}

/** A JSON response of `schema` for the OpenAPI document. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}

const errorResponse = (description: string) => jsonResponse(ErrorResponseSchema, description)

/** The error responses every route may give. */
export const ERROR_RESPONSES = {
  400: errorResponse('invalid query or body (INVALID_INPUT)'),
  404: errorResponse('unknown value stream, team, item or status (NOT_FOUND)'),
  422: errorResponse('the mapping cannot be used (INVALID_CONFIG, UNMAPPED_VALUES)'),
  500: errorResponse('unexpected error (INTERNAL)'),
} as const

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message.toLowerCase()}`)
    .join('; ')
}

/**
 * A router whose validation failures become INVALID_INPUT errors (so they get the one error
 * format from `app.onError`).
 */
export function createRouter(): OpenAPIHono {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) {
        throw new VmoError(
          'INVALID_INPUT',
          `invalid ${result.target}: ${describeIssues(result.error)}`,
        )
      }
    },
  })
}

/**
 * Sends a value computed fresh from the store (not from the flow cache), with a weak ETag of
 * its body; `304` when `If-None-Match` matches.
 */
export function sendFresh(c: Context, value: unknown): never {
  const body = JSON.stringify(value)
  const etag = `W/"${digest(body)}"`
  const match = c.req
    .header('If-None-Match')
    ?.split(',')
    .some((t) => t.trim() === etag)
  if (match) return c.body(null, 304, { ETag: etag }) as never
  return c.body(body, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: etag,
    'Cache-Control': 'no-cache',
  }) as never
}
