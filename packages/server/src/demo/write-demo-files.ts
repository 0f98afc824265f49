import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BusinessResultPoint } from './business-results'
import type { DemoOrganisation } from './generate-demo-organisation'
import { writeRecordsNdjson } from './ndjson-writer'

/** Paths of the files {@link writeDemoFiles} wrote. */
export interface DemoFiles {
  history: string
  mapping: string
  businessResults: string
  experiments: string
}

function csvField(value: string | number): string {
  const text = String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Business results as CSV with the header `stream,metric,date,value,unit`. */
export function formatBusinessResultsCsv(points: readonly BusinessResultPoint[]): string {
  const rows = points.map((point) =>
    [point.stream, point.metric, point.date, point.value, point.unit].map(csvField).join(','),
  )
  return ['stream,metric,date,value,unit', ...rows].join('\n') + '\n'
}

/**
 * Writes the demo for the file-based CLI into `dir` (created if missing): `history.ndjson`
 * (docs/importing.md ("NDJSON history")), `openvmo.yaml` (docs/configuration.md), `business-results.csv` and `experiments.json`.
 */
export async function writeDemoFiles(dir: string, org: DemoOrganisation): Promise<DemoFiles> {
  await mkdir(dir, { recursive: true })
  const files: DemoFiles = {
    history: join(dir, 'history.ndjson'),
    mapping: join(dir, 'openvmo.yaml'),
    businessResults: join(dir, 'business-results.csv'),
    experiments: join(dir, 'experiments.json'),
  }
  await writeRecordsNdjson(files.history, org.records)
  await writeFile(files.mapping, org.mappingYaml)
  await writeFile(files.businessResults, formatBusinessResultsCsv(org.businessResults))
  await writeFile(files.experiments, JSON.stringify(org.experiments, null, 2) + '\n')
  return files
}
