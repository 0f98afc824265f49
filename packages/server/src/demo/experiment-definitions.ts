import type { ExperimentDefinition } from '@openvmo/core'
import type { DemoExperiment } from './process-changes'

const QUARTER_DAYS = 91

/** What each demo change should move, and the stream that serves as its control. */
const DESIGN: Record<
  string,
  Pick<ExperimentDefinition, 'id' | 'change' | 'targets'> & { control: string | null }
> = {
  Payments: {
    id: 'payments-wip-limit',
    change:
      'Payments teams start new work only when an item leaves In Progress (one item per developer).',
    targets: [{ metric: 'flow_time_p85', direction: 'decrease', expectedChangePercent: 33 }],
    // no control: the demo's streams have seasonal swings of their own, and a difference in
    // differences against one of them widens the interval more than the WIP limit needs
    control: null,
  },
  'Mobile App': {
    id: 'mobile-qa-automation',
    change: 'Every merge runs the automated regression suite instead of a manual QA pass.',
    targets: [
      { metric: 'flow_time_p50', direction: 'decrease', expectedChangePercent: null },
      { metric: 'flow_time_p85', direction: 'decrease', expectedChangePercent: null },
    ],
    control: null,
  },
}

/**
 * The demo's two process changes as experiments (a quarter before against a quarter after the
 * change), what `vmo demo` records: the WIP limit in Payments and the QA automation in Mobile
 * App.
 */
export function listDemoExperiments(changes: readonly DemoExperiment[]): ExperimentDefinition[] {
  return changes.map((change) => {
    const design = DESIGN[change.stream]
    if (design === undefined)
      throw new Error(`no experiment design for the demo stream "${change.stream}"`)
    const scope = (stream: string) => ({ stream, teams: [], types: [] })
    return {
      id: design.id,
      name: change.name,
      hypothesis: change.hypothesis,
      change: design.change,
      changeDate: change.changeDate,
      rolloutEndDate: null,
      beforeDays: QUARTER_DAYS,
      afterDays: QUARTER_DAYS,
      scope: scope(change.stream),
      targets: design.targets,
      control: design.control === null ? null : scope(design.control),
    }
  })
}
