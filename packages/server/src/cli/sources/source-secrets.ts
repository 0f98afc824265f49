import type { EnvironmentVariables } from '../../config/environment'
import { readEnvironment, readTokenVariable } from '../../config/environment'
import { resolveSourceToken } from '../../config/source-token'
import type { SourceDefinition } from '../../store/store-types'
import type { SourceSecrets } from '../../sync/sync-service'
import { describeToken } from './source-status'

/** Tokens and webhook secrets of sources, from this process's environment and stored envelopes. */
export function environmentSecrets(variables: EnvironmentVariables): SourceSecrets {
  const env = readEnvironment(variables)
  return {
    tokenOf: (source) => resolveSourceToken(source, { env, variables }),
    describeToken: (source) => describeToken(source, { env, variables }),
    webhookSecretOf: (source: SourceDefinition) => {
      const name = source.config.webhookSecretEnv
      return typeof name === 'string' ? readTokenVariable(variables, name) : undefined
    },
  }
}
