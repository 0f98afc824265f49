import type * as z from 'zod'
import { VmoError } from '../errors'
import {
  findNode,
  formatYamlPath,
  locateKey,
  locatePath,
  type YamlLocation,
  type YamlPath,
  type YamlSource,
} from './yaml-location'

/** One problem found in a mapping file, located in the file. */
export interface MappingProblem extends YamlLocation {
  /** Path of the offending value (for a missing key: the key's parent). */
  path: string
  /** The complete message line: `file:line:column: "value" under path problem`. */
  message: string
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a text value',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
  record: 'a mapping of keys',
}

/**
 * Per-parse zod error map: lowercase phrases that follow the offending value. Messages set in the
 * schema itself take precedence.
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined && issue.code !== 'custom') return 'is missing'
  switch (issue.code) {
    case 'invalid_type':
      return `is not ${TYPE_NAMES[issue.expected] ?? issue.expected}`
    case 'invalid_value':
      return `is not one of ${issue.values.map(String).join(', ')}`
    case 'too_small':
      return issue.origin === 'string' ? 'is empty' : `has fewer than ${issue.minimum} entries`
    case 'unrecognized_keys':
      return 'is not a known key'
    case 'invalid_union':
      return 'is not a valid value'
    default:
      return undefined
  }
}

/** The longest offending value a problem quotes; longer ones are cut with an ellipsis. */
const MAX_VALUE_CHARS = 120

/**
 * `location` with its value cut to {@link MAX_VALUE_CHARS}: a value can be a whole nested
 * collection (an 8 KB line quoted by each of its thousands of problems made a 13 MB answer).
 */
function shortened(location: YamlLocation): YamlLocation {
  return { ...location, value: quotedValue(location.value) }
}

/** `value` as a problem quotes it: at most {@link MAX_VALUE_CHARS}, then an ellipsis. */
export function quotedValue(value: string): string {
  return value.length <= MAX_VALUE_CHARS ? value : `${value.slice(0, MAX_VALUE_CHARS)}…`
}

function problemAt(
  fileName: string,
  at: { location: YamlLocation; path: YamlPath; problem: string },
): MappingProblem {
  const { path, problem } = at
  const location = shortened(at.location)
  const where = path.length === 0 ? 'at the top level' : `under ${formatYamlPath(path)}`
  const subject = location.value === '' ? 'the value' : JSON.stringify(location.value)
  return {
    ...location,
    path: formatYamlPath(path),
    message: `${fileName}:${location.line}:${location.column}: ${subject} ${where} ${problem}`,
  }
}

/** The located problems of one zod issue (an unknown-keys issue yields one per key). */
export function locateIssue(
  source: YamlSource,
  fileName: string,
  issue: z.core.$ZodIssue,
): MappingProblem[] {
  const path = issue.path
  if (path.length === 0 && issue.code === 'invalid_type') {
    const location = shortened(locatePath(source, path))
    const message = `${fileName}:${location.line}:${location.column}: the file is empty or not a mapping of keys`
    return [{ ...location, path: '', message }]
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      problemAt(fileName, {
        location: locateKey(source, path, key),
        path,
        problem: issue.message,
      }),
    )
  }
  if (path.length > 0 && findNode(source, path) === undefined) {
    const parent = path.slice(0, -1)
    const key = path[path.length - 1] ?? ''
    const location = { ...locatePath(source, parent), value: String(key) }
    return [problemAt(fileName, { location, path: parent, problem: issue.message })]
  }
  const location = locatePath(source, path)
  return [problemAt(fileName, { location, path, problem: issue.message })]
}

const MAX_LISTED = 20
/** The most problems `details.problems` carries (`details.problemCount` counts them all). */
const MAX_DETAILED = 100

/**
 * The INVALID_CONFIG error for located problems: the message lists them one per line (the first
 * {@link MAX_LISTED}); `details` holds the first one's file, line, column, value and path,
 * `problems` the first {@link MAX_DETAILED} in file order and `problemCount` all of them.
 */
export function invalidConfig(
  fileName: string,
  problems: readonly MappingProblem[],
  extra: Record<string, unknown> = {},
): VmoError {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column)
  const first = sorted[0]
  const listed = sorted.slice(0, MAX_LISTED).map((problem) => problem.message)
  if (problems.length > MAX_LISTED) listed.push(`… and ${problems.length - MAX_LISTED} more`)
  return new VmoError('INVALID_CONFIG', listed.join('\n'), {
    details: {
      file: fileName,
      line: first?.line,
      column: first?.column,
      value: first?.value,
      path: first?.path,
      problems: sorted.slice(0, MAX_DETAILED),
      problemCount: problems.length,
      ...extra,
    },
  })
}
