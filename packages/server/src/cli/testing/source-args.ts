/** Where a fake Jira answers and how to sign in to it. */
export interface FakeJiraAddress {
  url: string
  email: string
}

/**
 * `vmo source add jira` arguments for a fake Jira named `acme-jira`, reading its token from
 * `JIRA_TOKEN`, syncing project PAY, followed by `extra` (more projects, `--db`, `--no-test` …).
 */
export function addFakeJiraArgs(fake: FakeJiraAddress, extra: readonly string[] = []): string[] {
  return [
    'source',
    'add',
    'jira',
    '--name',
    'acme-jira',
    '--url',
    fake.url,
    '--email',
    fake.email,
    '--token-env',
    'JIRA_TOKEN',
    '--project',
    'PAY',
    ...extra,
  ]
}
