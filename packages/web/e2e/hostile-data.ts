// Hostile work items for the stored-XSS test: every text a user can put into a source (keys,
// titles, labels, teams, projects, states, types, source and stream names) carries markup that
// would run script if any view inserted it as HTML.

/** Markup that sets `window.__xss` when it is ever parsed as HTML. */
export const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '"><svg onload="window.__xss=(window.__xss||0)+1">',
  "'><script>window.__xss=(window.__xss||0)+1</script>",
] as const

const p = (i: number) => PAYLOADS[i % PAYLOADS.length] ?? PAYLOADS[0]

/** The hostile source's name (the first payload is kept out: it must stay usable in a URL path). */
export const HOSTILE_SOURCE = `evil<b>src</b>`
export const HOSTILE_STREAM = `Stream ${p(0)}`
const PROJECT = `PRJ${p(1)}`
const STATES = {
  backlog: `Backlog ${p(2)}`,
  doing: `In <i>Progress</i> ${p(0)}`,
  review: `Review ${p(1)}`,
  done: `Done ${p(2)}`,
} as const
const TYPES = [`Story ${p(0)}`, `Bug ${p(1)}`]
const TEAMS = [`team ${p(2)}`, `team ${p(0)}`]

const DAY = 86_400_000

/** `count` items over the last 120 days before `nowMs`: most done, some in progress. */
export function hostileRecords(nowMs: number, count = 60): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const created = nowMs - (120 - i) * DAY
    const started = created + DAY * (1 + (i % 3))
    const reviewed = started + DAY * (2 + (i % 5))
    const done = reviewed + DAY * (1 + (i % 4))
    const finished = done < nowMs - DAY && i % 5 !== 0
    const at = (ms: number) => new Date(ms).toISOString()
    const changes = [
      { at: at(started), field: 'status', from: STATES.backlog, to: STATES.doing },
      ...(reviewed < nowMs
        ? [{ at: at(reviewed), field: 'status', from: STATES.doing, to: STATES.review }]
        : []),
      ...(finished
        ? [{ at: at(done), field: 'status', from: STATES.review, to: STATES.done }]
        : []),
    ]
    const last = changes[changes.length - 1]
    return {
      source: HOSTILE_SOURCE,
      key: `XSSKEY-${i}${p(i)}`,
      project: PROJECT,
      type: TYPES[i % TYPES.length],
      title: `Title ${i} ${p(i + 1)}`,
      created: at(created),
      status: last?.to ?? STATES.backlog,
      team: TEAMS[i % TEAMS.length],
      labels: [`label${p(i + 2)}`],
      fields: { Component: `comp ${p(i)}` },
      changes,
    }
  })
}

const quote = (text: string) => JSON.stringify(text)

/** The mapping YAML that maps every hostile value and puts the items in {@link HOSTILE_STREAM}. */
export function hostileMappingYaml(): string {
  return [
    'flowItems:',
    `  feature: [${quote(TYPES[0] ?? '')}]`,
    `  defect: [${quote(TYPES[1] ?? '')}]`,
    'states:',
    `  new: [${quote(STATES.backlog)}]`,
    `  waiting: [${quote(STATES.review)}]`,
    `  active: [${quote(STATES.doing)}]`,
    `  done: [${quote(STATES.done)}]`,
    'valueStreams:',
    `  - name: ${quote(HOSTILE_STREAM)}`,
    `    match: { project: [${quote(PROJECT)}] }`,
    '',
  ].join('\n')
}
