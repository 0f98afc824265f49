import type { Metafile } from 'esbuild'

/** Where `vmo` is built by default (packages/server/dist). */
export const CLI_DIST: string
/** Whether `dir` holds a build of the current sources. */
export function cliBuildIsCurrent(dir?: string): boolean
/** Builds `vmo` into `dir`; resolves esbuild's metafile. */
export function buildCli(dir?: string): Promise<Metafile>
/** The compiled CLI's entry module, as a URL to import. */
export const CLI_MAIN_URL: string
/**
 * The root help the build rendered, when `args` ask for exactly that (`--help`, `-h`, `help`)
 * and `stdout` is not a terminal narrower than 80 columns; otherwise undefined.
 */
export function prerenderedRootHelp(
  args: readonly string[],
  stdout: { isTTY?: boolean; columns?: number },
  dir?: string,
): string | undefined
