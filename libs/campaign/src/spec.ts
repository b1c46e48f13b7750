import { isTimeZone } from './time-zone';
import { DEVICE_TIME_ZONE, type CampaignSpec } from './types';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight of "HH:MM"; null when it is not one. */
export function minutesOf(hhmm: string): number | null {
  const match = HH_MM.exec(hhmm);
  return match === null ? null : Number(match[1]) * 60 + Number(match[2]);
}

const isCount = (n: unknown, min: number): boolean =>
  typeof n === 'number' && Number.isInteger(n) && n >= min;

/**
 * What is wrong with a campaign's spec, one sentence per problem (empty: valid). Stages are
 * cumulative percentages, increasing, the last 100.
 */
export function specProblems(spec: CampaignSpec): string[] {
  const problems: string[] = [];
  if (spec.stages.length === 0) problems.push('stages: at least one stage');
  let previous = 0;
  for (const [i, stage] of spec.stages.entries()) {
    if (!(stage.percent > previous && stage.percent <= 100)) {
      problems.push(
        `stages[${i}].percent must be above the previous stage's (${previous}) and at most 100`,
      );
    }
    if (!isCount(stage.soakSeconds, 0)) {
      problems.push(`stages[${i}].soakSeconds must be an integer >= 0`);
    }
    previous = stage.percent;
  }
  const last = spec.stages[spec.stages.length - 1];
  if (last !== undefined && last.percent !== 100) {
    problems.push('the last stage must reach 100 percent');
  }
  if (!isCount(spec.maxInFlight, 1)) problems.push('maxInFlight must be an integer >= 1');
  if (spec.window !== undefined) {
    const { start, end, timeZone } = spec.window;
    if (minutesOf(start) === null) problems.push('window.start must be HH:MM');
    if (minutesOf(end) === null) problems.push('window.end must be HH:MM');
    if (start === end) problems.push('window.start and window.end must differ');
    if (timeZone !== DEVICE_TIME_ZONE && !isTimeZone(timeZone)) {
      problems.push(
        `window.timeZone ${timeZone} is no IANA time zone, POSIX TZ string or "${DEVICE_TIME_ZONE}"`,
      );
    }
    const { fallbackTimeZone } = spec.window;
    if (fallbackTimeZone !== undefined && !isTimeZone(fallbackTimeZone)) {
      problems.push(
        `window.fallbackTimeZone ${fallbackTimeZone} is no IANA time zone or POSIX TZ string`,
      );
    }
  }
  const { failuresInWindow, stageFailureRatePercent, stageTimeoutSeconds } = spec.stopRules;
  if (failuresInWindow !== undefined) {
    if (!isCount(failuresInWindow.failures, 0)) {
      problems.push('stopRules.failuresInWindow.failures must be an integer >= 0');
    }
    if (!isCount(failuresInWindow.window, 1)) {
      problems.push('stopRules.failuresInWindow.window must be an integer >= 1');
    } else if (failuresInWindow.failures >= failuresInWindow.window) {
      problems.push('stopRules.failuresInWindow.failures must be below its window');
    }
  }
  if (
    stageFailureRatePercent !== undefined &&
    !(stageFailureRatePercent >= 0 && stageFailureRatePercent < 100)
  ) {
    problems.push('stopRules.stageFailureRatePercent must be at least 0 and below 100');
  }
  if (stageTimeoutSeconds !== undefined && !isCount(stageTimeoutSeconds, 1)) {
    problems.push('stopRules.stageTimeoutSeconds must be an integer >= 1');
  }
  return problems;
}
