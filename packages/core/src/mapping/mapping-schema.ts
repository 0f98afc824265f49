import * as z from 'zod'
import { IANAZone } from 'luxon'
import { FLOW_ITEM_MAPPINGS, FLOW_ITEM_TYPES, FLOW_STATES } from '../model/flow-vocabulary'
import type { FieldMatch, MappingConfig, MappingRule, RuleFinding } from './mapping-config'
import { RULE_FINDINGS, TREAT_AS } from './mapping-config'

/** A strict object whose unknown keys are reported with the keys it does know. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const expected = Object.keys(shape).join(', ')
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `is not a known key (expected ${expected})` : undefined,
  })
}

/** A schema error message, except for a missing value (reported as `is missing`). */
function unlessMissing(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message)
}

/** A value written in YAML: text, or a number/boolean taken as its text (`- 2024`, `- true`). */
export const nameSchema = z
  .union([z.string().trim().min(1), z.number(), z.boolean()], {
    error: unlessMissing('is not a text value'),
  })
  .transform(String)

/** One value or a list of values; `null` (an empty YAML entry) is the empty list. */
const namesSchema = z
  .union([nameSchema, z.array(nameSchema), z.null()], {
    error: unlessMissing('is not a value or a list of values'),
  })
  .transform((value) => (value === null ? [] : Array.isArray(value) ? value : [value]))

const flowStateSchema = z.enum(FLOW_STATES, {
  error: unlessMissing(`is not a flow state (expected ${FLOW_STATES.join(', ')})`),
})

const flowItemSchema = z.enum(FLOW_ITEM_MAPPINGS, {
  error: unlessMissing(`is not a flow item mapping (expected ${FLOW_ITEM_MAPPINGS.join(', ')})`),
})

/** Field → value(s); at least one field. */
const fieldMatchSchema = z
  .record(z.string().trim().min(1), namesSchema, {
    error: unlessMissing('is not a mapping of field: values'),
  })
  .refine((match) => Object.keys(match).length > 0, 'needs at least one field')
  .transform((match): FieldMatch => match)

/** `timezone`: an IANA zone name, validated against the runtime's zone database. */
export const timeZoneSchema = z
  .string({ error: unlessMissing('is not a text value') })
  .trim()
  .refine(
    (zone) => IANAZone.isValidZone(zone),
    'is not an IANA time zone (expected a name such as Europe/Berlin or UTC)',
  )

const flowItemsSchema = strictObject(
  Object.fromEntries(FLOW_ITEM_MAPPINGS.map((key) => [key, namesSchema.optional()])) as Record<
    (typeof FLOW_ITEM_MAPPINGS)[number],
    z.ZodOptional<typeof namesSchema>
  >,
)

const statesSchema = strictObject(
  Object.fromEntries(FLOW_STATES.map((key) => [key, namesSchema.optional()])) as Record<
    (typeof FLOW_STATES)[number],
    z.ZodOptional<typeof namesSchema>
  >,
)

const defaultSchema = strictObject({
  state: flowStateSchema.optional(),
  flowItem: flowItemSchema.optional(),
})

const treatAsSchema = z.enum(TREAT_AS, {
  error: unlessMissing(`is not a treatment (expected ${TREAT_AS.join(', ')})`),
})

const ruleSchema = strictObject({
  when: fieldMatchSchema,
  flowItem: flowItemSchema.optional(),
  states: z
    .record(z.string().trim().min(1), flowStateSchema, {
      error: unlessMissing('is not a mapping of tool state: flow state'),
    })
    .optional(),
  treatAs: treatAsSchema.optional(),
})
  .refine(
    (rule) =>
      rule.flowItem !== undefined || rule.states !== undefined || rule.treatAs !== undefined,
    {
      message: 'needs flowItem, states or treatAs (a rule without them changes nothing)',
      when: (payload) => payload.issues.length === 0,
    },
  )
  .superRefine((rule, context) => {
    const finding = rule.when.finding
    if (rule.treatAs !== undefined && finding === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['treatAs'],
        message: `needs when.finding (one of ${RULE_FINDINGS.join(', ')})`,
      })
    }
    if (finding === undefined) return
    if (rule.treatAs === undefined || rule.flowItem !== undefined || rule.states !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['when', 'finding'],
        message: 'is only for rules with treatAs (and without flowItem or states)',
      })
    }
    const names = Array.isArray(finding) ? finding : [finding]
    for (const name of names) {
      if (!(RULE_FINDINGS as readonly string[]).includes(name.toLowerCase())) {
        context.addIssue({
          code: 'custom',
          path: ['when', 'finding'],
          input: name,
          message: `is not a finding a rule can treat (expected ${RULE_FINDINGS.join(', ')})`,
        })
      }
    }
  })

const labelStatesSchema = strictObject({
  prefix: z
    .string({ error: unlessMissing('is not a text value') })
    .min(1, 'is empty')
    .optional(),
  names: namesSchema.optional(),
  sources: namesSchema.optional(),
}).refine((rule) => rule.prefix !== undefined || (rule.names?.length ?? 0) > 0, {
  message: 'needs prefix or names (the labels that are states)',
  when: (payload) => payload.issues.length === 0,
})

/** A parsed rule as a {@link MappingRule}: `when.finding` becomes `findings`. */
function toRule(rule: z.output<typeof ruleSchema>): MappingRule {
  const { finding, ...when } = rule.when
  const findings =
    finding === undefined
      ? undefined
      : (Array.isArray(finding) ? finding : [finding]).map((f) => f.toLowerCase() as RuleFinding)
  return {
    when,
    ...(rule.flowItem === undefined ? {} : { flowItem: rule.flowItem }),
    ...(rule.states === undefined ? {} : { states: rule.states }),
    ...(findings === undefined ? {} : { findings }),
    ...(rule.treatAs === undefined ? {} : { treatAs: rule.treatAs }),
  }
}

const shareSchema = z
  .number({ error: unlessMissing('is not a number') })
  .min(0, 'is not a share between 0 and 1')
  .max(1, 'is not a share between 0 and 1')

const distributionTargetSchema = strictObject(
  Object.fromEntries(FLOW_ITEM_TYPES.map((key) => [key, shareSchema.optional()])) as Record<
    (typeof FLOW_ITEM_TYPES)[number],
    z.ZodOptional<typeof shareSchema>
  >,
).refine((target) => {
  const sum = Object.values(target).reduce<number>((total, share) => total + (share ?? 0), 0)
  return Math.abs(sum - 1) < 1e-6
}, 'does not sum to 1 (the shares of feature, defect, risk and debt)')

/** One entry of `valueStreams`: its name, the items it matches, an optional distribution target. */
export const valueStreamSchema = strictObject({
  name: nameSchema,
  match: fieldMatchSchema,
  distributionTarget: distributionTargetSchema.optional(),
})

function dropEmpty<K extends string>(
  record: Partial<Record<K, string[] | undefined>>,
): Partial<Record<K, readonly string[]>> {
  const out: Partial<Record<K, readonly string[]>> = {}
  for (const [key, names] of Object.entries(record) as [K, string[] | undefined][]) {
    if (names !== undefined) out[key] = names
  }
  return out
}

/**
 * The schema of `openvmo.yaml` (docs/configuration.md), producing a {@link MappingConfig}. Top-level keys
 * it does not own (products, teams, … of later features) are allowed and left out of the result;
 * inside its own keys it is strict, so a typo (`flowitem` in a rule) is an error. `flowItems` and
 * `states` are required; each entry is one name or a list of names (possibly source-qualified,
 * `jira:Review`). `default: {state, flowItem}` sets the explicit defaults for unmapped values.
 * A distribution target's shares must sum to 1 (absent types count as 0). Issue messages are
 * lowercase phrases meant to follow the offending value (`"actve" is not a flow state …`).
 */
export const mappingSchema = z
  .looseObject({
    timezone: timeZoneSchema.optional(),
    flowItems: flowItemsSchema,
    states: statesSchema,
    default: defaultSchema.optional(),
    rules: z.array(ruleSchema, { error: unlessMissing('is not a list of rules') }).optional(),
    valueStreams: z
      .array(valueStreamSchema, { error: unlessMissing('is not a list of value streams') })
      .optional(),
    labelStates: labelStatesSchema.optional(),
  })
  .transform((file): MappingConfig => ({
    timezone: file.timezone ?? 'UTC',
    flowItems: dropEmpty(file.flowItems),
    states: dropEmpty(file.states),
    ...(file.default?.state === undefined ? {} : { defaultState: file.default.state }),
    ...(file.default?.flowItem === undefined ? {} : { defaultFlowItem: file.default.flowItem }),
    rules: (file.rules ?? []).map(toRule),
    valueStreams: (file.valueStreams ?? []).map((stream) => ({
      name: stream.name,
      match: stream.match,
      ...(stream.distributionTarget === undefined
        ? {}
        : { distributionTarget: stream.distributionTarget }),
    })),
    ...(file.labelStates === undefined
      ? {}
      : {
          labelStates: {
            ...(file.labelStates.prefix === undefined ? {} : { prefix: file.labelStates.prefix }),
            ...(file.labelStates.names === undefined ? {} : { names: file.labelStates.names }),
            ...(file.labelStates.sources === undefined
              ? {}
              : { sources: file.labelStates.sources }),
          },
        }),
  }))

/** The YAML shape of a {@link MappingConfig} (the input side of {@link mappingSchema}). */
export type MappingFile = z.input<typeof mappingSchema>
