import type { DemoStream } from './organisation'
import type { SeededRandom } from './seeded-random'
import { STREAM_VOCABULARIES as VOCABULARIES } from './stream-vocabularies'

const SYMPTOMS = [
  'returns 500 when the amount has three decimals',
  'times out for large accounts',
  'shows the wrong currency',
  'crashes after the app update',
  'loses state on back navigation',
  'sends duplicate emails',
  "ignores the user's language",
  'is slow on the first load',
  'fails after midnight UTC',
  'rejects valid postcodes',
]
const TASK_VERBS = [
  'Set up alerts for',
  'Document the runbook of',
  'Rotate credentials of',
  'Add dashboards for',
  'Load-test',
  'Clean up feature flags in',
]
const DEBT_VERBS = [
  'Refactor',
  'Remove dead code from',
  'Split the module of',
  'Add missing tests to',
  'Replace the hand-written retry logic in',
]
const SUBTASK_PARTS = ['Backend', 'Frontend', 'Tests', 'Docs', 'Tracking', 'Migration']

/** The labels a stream's items carry. */
export function listStreamLabels(stream: DemoStream): readonly string[] {
  return VOCABULARIES[stream].labels
}

/**
 * A believable title for an item of `type` in `stream`, built from the stream's vocabulary (a
 * Jira type; GitHub and ServiceNow reuse these with their own prefixes).
 */
export function makeTitle(stream: DemoStream, type: string, random: SeededRandom): string {
  const words = VOCABULARIES[stream]
  switch (type) {
    case 'Epic':
      return random.pick(words.epics)
    case 'Bug':
      return `${random.pick(words.components)} ${random.pick(SYMPTOMS)}`
    case 'Task':
      return `${random.pick(TASK_VERBS)} ${random.pick(words.components).toLowerCase()}`
    case 'Tech Debt':
      return `${random.pick(DEBT_VERBS)} ${random.pick(words.components).toLowerCase()}`
    case 'Vulnerability':
      return `CVE-${random.int(2022, 2025)}-${random.int(1000, 49999)}: upgrade ${random.pick(words.libraries)}`
    case 'Spike':
      return `Spike: ${random.pick(words.questions)}`
    default:
      return `${random.pick(words.stories)}${random.pick(words.qualifiers)}`
  }
}

/** Third-party libraries a stream depends on (Dependabot bumps them). */
export function listStreamLibraries(stream: DemoStream): readonly string[] {
  return VOCABULARIES[stream].libraries
}

/** A sub-task title: the part of the parent story it covers. */
export function makeSubtaskTitle(parentTitle: string, random: SeededRandom): string {
  return `${random.pick(SUBTASK_PARTS)}: ${parentTitle}`
}
