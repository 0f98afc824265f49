import { fileURLToPath } from 'node:url'

/**
 * Absolute path of a file under `../shared/data` (the shared folder beside the repository, as on
 * every developer machine and in CI). Tests may read it; the project never copies it.
 */
export function sharedDataPath(relative: string): string {
  return fileURLToPath(new URL(`../../../../shared/data/${relative}`, import.meta.url))
}
