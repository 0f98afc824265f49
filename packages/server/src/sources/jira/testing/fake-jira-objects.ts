import type { JiraTimeFormat } from './fake-jira-time'
import { FAKE_TYPES, FAKE_WORKFLOW } from './fake-jira-state'
import type { FakeJiraState } from './fake-jira-state'

/** Where a fake runs and how it speaks: Cloud (REST v3) or Data Center (REST v2). */
export interface FakeSite {
  /** Set once the server listens, before the first request. */
  url: string
  deployment: 'cloud' | 'data_center'
  state: FakeJiraState
  time: JiraTimeFormat
}

/** Custom field ids of the fake sites. */
export const FAKE_FIELD_IDS = {
  sprint: 'customfield_10020',
  team: 'customfield_10001',
  storyPoints: 'customfield_10016',
  /** Data Center only: the Epic Link field (Cloud uses `parent`). */
  epicLink: 'customfield_10101',
} as const

const CATEGORIES = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
} as const

const SYSTEM_FIELDS = [
  ['summary', 'Summary'],
  ['issuetype', 'Issue Type'],
  ['status', 'Status'],
  ['project', 'Project'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['resolutiondate', 'Resolved'],
  ['resolution', 'Resolution'],
  ['priority', 'Priority'],
  ['labels', 'Labels'],
  ['components', 'Component/s'],
  ['fixVersions', 'Fix Version/s'],
  ['issuelinks', 'Linked Issues'],
] as const

type Json = Record<string, unknown>

/**
 * The site's fixed objects in Jira's shapes (user, statuses, issue types, priority, projects,
 * the field catalog), made once per fake: a page of 100 issues shares them.
 */
export class FakeJiraObjects {
  /** `https://…/rest/api/3` (Cloud) or `…/rest/api/2` (Data Center). */
  readonly api: string
  readonly user: Json
  readonly statuses: Json[]
  readonly issueTypes: Json[]
  readonly priority: Json
  readonly resolution: Json
  readonly #projects = new Map<string, Json>()

  constructor(readonly site: FakeSite) {
    const url = site.url
    this.api = `${url}/rest/api/${site.deployment === 'cloud' ? 3 : 2}`
    this.user = this.#user()
    this.statuses = FAKE_WORKFLOW.map((status) => {
      const category = CATEGORIES[status.category]
      const self = `${this.api}/statuscategory/${category.id}`
      return {
        self: `${this.api}/status/${status.id}`,
        description: '',
        iconUrl: `${url}/images/icons/statuses/generic.png`,
        name: status.name,
        id: status.id,
        statusCategory: { self, key: status.category, ...category },
      }
    })
    this.issueTypes = FAKE_TYPES.map((type) => ({
      self: `${this.api}/issuetype/${type.id}`,
      id: type.id,
      description: '',
      iconUrl: `${url}/images/icons/issuetypes/${type.name.toLowerCase()}.svg`,
      name: type.name,
      subtask: false,
      hierarchyLevel: 0,
    }))
    this.priority = {
      self: `${this.api}/priority/3`,
      iconUrl: `${url}/images/icons/priorities/medium.svg`,
      name: 'Medium',
      id: '3',
    }
    this.resolution = {
      self: `${this.api}/resolution/10000`,
      id: '10000',
      description: 'Work has been completed on this issue.',
      name: 'Done',
    }
  }

  // `User`: Cloud users have an accountId; Data Center users a name and key.
  #user(): Json {
    const common = {
      emailAddress: 'ada@example.com',
      avatarUrls: {
        '48x48': `${this.site.url}/avatar/48.png`,
        '16x16': `${this.site.url}/avatar/16.png`,
      },
      displayName: 'Ada Lovelace',
      active: true,
      timeZone: this.site.time.zone,
    }
    if (this.site.deployment === 'data_center') {
      return { self: `${this.api}/user?username=ada`, name: 'ada', key: 'JIRAUSER10000', ...common }
    }
    const accountId = '5b10ac8d82e05b22cc7d4ef5'
    const self = `${this.api}/user?accountId=${accountId}`
    return { self, accountId, accountType: 'atlassian', ...common }
  }

  /** `ProjectDetails` of a project. */
  project(key: string): Json {
    let project = this.#projects.get(key)
    if (!project) {
      const id = this.site.state.project(key).id
      const self = `${this.api}/project/${id}`
      project = {
        self,
        id,
        key,
        name: `Project ${key}`,
        projectTypeKey: 'software',
        simplified: false,
      }
      this.#projects.set(key, project)
    }
    return project
  }

  /** `FieldDetails[]` of `GET /field`: the system fields and the custom fields the fake fills. */
  fieldCatalog(): Json[] {
    const system = ([id, name]: readonly [string, string]) => ({
      id,
      key: id,
      name,
      custom: false,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [id],
    })
    const fields = [
      ...SYSTEM_FIELDS.map(system),
      custom(FAKE_FIELD_IDS.sprint, 'Sprint', ['array', 'com.pyxis.greenhopper.jira:gh-sprint']),
      custom(FAKE_FIELD_IDS.team, 'Team', [
        'team',
        'com.atlassian.jira.plugin.system.customfieldtypes:atlassian-team',
      ]),
      custom(FAKE_FIELD_IDS.storyPoints, 'Story point estimate', [
        'number',
        'com.pyxis.greenhopper.jira:jsw-story-points',
      ]),
    ]
    if (this.site.deployment === 'cloud') return [...fields, system(['parent', 'Parent'])]
    const epicLink = ['any', 'com.pyxis.greenhopper.jira:gh-epic-link'] as const
    return [...fields, custom(FAKE_FIELD_IDS.epicLink, 'Epic Link', epicLink)]
  }
}

function custom(id: string, name: string, [type, plugin]: readonly [string, string]): Json {
  const number = id.slice('customfield_'.length)
  return {
    id,
    key: id,
    name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${number}]`, name],
    schema: { type, custom: plugin, customId: Number(number) },
  }
}
