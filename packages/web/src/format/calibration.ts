import type { WhenResponse } from '../api/types'
import { MISSING, formatCount, formatNumber } from './numbers'

type Calibration = WhenResponse['calibration']

/** A quantile level as "p97.5". */
export function answeredAt(level: number | undefined): string {
  return level === undefined ? MISSING : `p${formatNumber(level * 100)}`
}

/** What a calibration says of the answers: how many past forecasts, and whether it adjusted. */
export function calibrationNote(calibration: Calibration): string {
  const { checkpoints, independent } = calibration
  if (calibration.adjusted)
    return `Calibrated on ${formatCount(checkpoints)} past forecasts (${formatCount(independent)} independent): each level is answered at the simulated quantile that came true that often.`
  return `Not calibrated: only ${formatCount(checkpoints)} past forecasts could be scored (10 are needed); tails that history cannot check are answered later than the simulation's own quantile.`
}
