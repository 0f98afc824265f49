import type { Context } from 'hono'
import { createRoute } from '@hono/zod-openapi'
import { VmoError } from '@openvmo/core'
import type { SyncService } from '../../sync/sync-service'
import { ErrorResponseSchema } from '../schemas/common-schemas'
import { WebhookAcceptedSchema, WebhookSourceParamSchema } from '../schemas/source-schemas'
import { createRouter, jsonResponse } from './route-helpers'

const tag = 'Webhooks'
const error = (description: string) => jsonResponse(ErrorResponseSchema, description)

// The body is documented, not validated: the signature covers its exact bytes, so it is read
// raw and verified before anything parses it.
const delivery = (description: string) => ({
  content: { 'application/json': { schema: { type: 'object' as const, description } } },
  required: true,
})

const RESPONSES = {
  202: jsonResponse(WebhookAcceptedSchema, 'verified: the named items are re-synced now'),
  401: error(
    'unsigned, badly signed, or for no source of this kind (UNAUTHENTICATED): nothing changed',
  ),
  404: error('this server was started without live sync (NOT_FOUND)'),
  413: error('the body is larger than 1 MB (PAYLOAD_TOO_LARGE)'),
  415: error('the body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE)'),
  500: error('unexpected error (INTERNAL)'),
} as const

const routes = {
  github: createRoute({
    method: 'post',
    path: '/webhooks/github',
    tags: [tag],
    summary: 'A GitHub webhook delivery, verified by X-Hub-Signature-256',
    description:
      'Set the webhook on GitHub with content type application/json and the secret of a github source; the delivery is verified with the secret of each github source until one matches.',
    request: { body: delivery('the delivery as GitHub sends it') },
    responses: RESPONSES,
  }),
  jira: createRoute({
    method: 'post',
    path: '/webhooks/jira/{source}',
    tags: [tag],
    summary: "A Jira webhook delivery for one source, verified by that source's secret",
    request: {
      params: WebhookSourceParamSchema,
      body: delivery('the delivery as Jira sends it'),
    },
    responses: RESPONSES,
  }),
  gitlab: createRoute({
    method: 'post',
    path: '/webhooks/gitlab/{source}',
    tags: [tag],
    summary: "A GitLab webhook delivery for one source, verified by that source's secret",
    description:
      'Set the webhook on the GitLab project or group with the secret token of the source (sent as X-Gitlab-Token, compared in constant time), or with a signing token (whsec_…: the webhook-signature header is checked over the exact body).',
    request: {
      params: WebhookSourceParamSchema,
      body: delivery('the delivery as GitLab sends it'),
    },
    responses: RESPONSES,
  }),
  azureDevOps: createRoute({
    method: 'post',
    path: '/webhooks/azure-devops/{source}',
    tags: [tag],
    summary:
      "An Azure DevOps service hook delivery for one source, verified by that source's basic auth",
    description:
      'Create a Web Hooks service hook subscription (work item created, updated, deleted, restored) with basic authentication: the user name and password of the webhook secret of the source (user:password, compared in constant time). Azure DevOps signs no body: use HTTPS.',
    request: {
      params: WebhookSourceParamSchema,
      body: delivery('the delivery as Azure DevOps sends it'),
    },
    responses: RESPONSES,
  }),
  servicenow: createRoute({
    method: 'post',
    path: '/webhooks/servicenow/{source}',
    tags: [tag],
    summary:
      "A ServiceNow business rule's delivery for one source, verified by that source's secret",
    description:
      "Sent by the business rule of docs/connectors.md: X-ServiceNow-Signature is the base64 HMAC-SHA256 of the exact body keyed with the source's webhook secret; the body names the record by its number.",
    request: {
      params: WebhookSourceParamSchema,
      body: delivery('the delivery as the business rule sends it'),
    },
    responses: RESPONSES,
  }),
}

async function receive(
  c: Context,
  sync: SyncService | undefined,
  at: { kind: string; source?: string },
) {
  if (!sync) {
    throw new VmoError(
      'NOT_FOUND',
      'this server takes no webhooks: it was started without live sync',
    )
  }
  const body = await c.req.text()
  // Headers iterate with lowercase names.
  const headers = Object.fromEntries(c.req.raw.headers)
  const accepted = await sync.webhook({ ...at, headers, body })
  if (!accepted) {
    const whose = at.source === undefined ? `any ${at.kind} source` : `source "${at.source}"`
    throw new VmoError(
      'UNAUTHENTICATED',
      `the ${at.kind} webhook delivery is not signed with the webhook secret of ${whose}: nothing was changed`,
    )
  }
  return accepted
}

/**
 * Webhook deliveries of the tools: each is verified over its exact bytes with the webhook
 * secret of the source it is for (401, nothing changed, when none verifies it); the items it
 * names are then re-synced in the background. Not loopback-only: the tools call from outside.
 */
export function webhookRoutes(sync: SyncService | undefined) {
  return createRouter()
    .openapi(routes.github, async (c) => c.json(await receive(c, sync, { kind: 'github' }), 202))
    .openapi(routes.jira, async (c) => {
      const { source } = c.req.valid('param')
      return c.json(await receive(c, sync, { kind: 'jira', source }), 202)
    })
    .openapi(routes.gitlab, async (c) => {
      const { source } = c.req.valid('param')
      return c.json(await receive(c, sync, { kind: 'gitlab', source }), 202)
    })
    .openapi(routes.azureDevOps, async (c) => {
      const { source } = c.req.valid('param')
      return c.json(await receive(c, sync, { kind: 'azure_devops', source }), 202)
    })
    .openapi(routes.servicenow, async (c) => {
      const { source } = c.req.valid('param')
      return c.json(await receive(c, sync, { kind: 'servicenow', source }), 202)
    })
}
