import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { readEnvironment } from '../../config/environment'
import {
  MAKE_A_KEY,
  isSecretEnvelope,
  keyIdOf,
  openSecret,
  parseSecretKey,
  sealSecret,
} from '../../config/secret-box'
import { secretKeysOf } from '../../config/source-token'
import type { CliIo } from '../cli-io'
import { auditCliWrite } from '../cli-audit'
import { withStore } from '../open-cli-store'

/**
 * `vmo secrets rotate`: re-encrypts every stored token with `OPENVMO_SECRET_KEY`, opening each
 * with that key or `OPENVMO_SECRET_KEY_PREVIOUS`. Safe to run again after a failure: tokens
 * already under the new key open with it.
 */
export function registerSecretsCommand(program: Command, io: CliIo): void {
  program
    .command('secrets')
    .description('stored tokens')
    .command('rotate')
    .description(
      're-encrypt every stored token with OPENVMO_SECRET_KEY (old key in OPENVMO_SECRET_KEY_PREVIOUS)',
    )
    .option(
      '--db <path>',
      'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)',
    )
    .action(async (options: { db?: string }) => {
      const env = readEnvironment(io.env)
      if (!env.secretKey) {
        throw new VmoError(
          'INVALID_CONFIG',
          `set OPENVMO_SECRET_KEY to the new key (${MAKE_A_KEY}) and OPENVMO_SECRET_KEY_PREVIOUS to the old one`,
        )
      }
      const key = parseSecretKey(env.secretKey)
      const keys = secretKeysOf(env)
      await withStore(options, io, async (store, label) => {
        let rotated = 0
        for (const info of await store.listSources()) {
          const source = await store.findSource(info.name)
          if (!source?.secret || !isSecretEnvelope(source.secret)) continue
          const token = openSecret(source.secret, { keys, owner: source.name })
          const secret = sealSecret(token, { key, owner: source.name })
          await store.saveSource({
            ...source,
            secret: secret as unknown as Record<string, unknown>,
          })
          rotated++
        }
        await auditCliWrite(store, io, {
          action: 'secrets.rotate',
          target: null,
          detail: { rotated, key: keyIdOf(key) },
        })
        io.stdout(`re-encrypted ${rotated} stored token(s) in ${label} with key ${keyIdOf(key)}\n`)
      })
    })
}
