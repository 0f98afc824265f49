import type { Metafile } from 'esbuild'

/** Where `vmo` is built by default (packages/server/dist). */
export const CLI_DIST: string
/** Whether `dir` holds a build of the current sources. */
export function cliBuildIsCurrent(dir?: string): boolean
/** Builds `vmo` into `dir`; resolves esbuild's metafile. */
export function buildCli(dir?: string): Promise<Metafile>
