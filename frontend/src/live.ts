// Whether a run is still being written, and which of its problem intervals is still going on.

import type {Interval, Report} from './api';
import {formatStep} from './dom';

/**
 * How recently the loss must have been written for a run to count as still training.
 * PlateauCallback writes the loss every 256 steps and at every epoch's end, but between
 * epochs TensorFlow's summary writer reaches the disk only every 2 minutes (the default
 * `flush_millis` of tf.summary.create_file_writer); TensorBoard then reads the logdir every
 * 5 s (--reload_interval) and reloads this tab every 30 s. So the newest write a training
 * run shows can be about 2.5 minutes old; 5 minutes covers that with room for slow steps.
 * A run silent for longer is shown as it ended.
 */
export const LIVE_SECONDS = 300;

/** Seconds since the run's loss was last written; null when the report does not say. */
export function secondsSinceWrite(report: Report, nowMs: number): number | null {
  const written = report.last_write_time;
  if (typeof written !== 'number' || !Number.isFinite(written)) return null;
  // A clock behind the training machine's gives a negative age: just written.
  return Math.max(0, nowMs / 1000 - written);
}

export function isTraining(report: Report, nowMs: number): boolean {
  const age = secondsSinceWrite(report, nowMs);
  return age !== null && age <= LIVE_SECONDS;
}

/** The index of the problem interval still in progress (it reaches the run's last step and
 * the run is still being written), or null. */
export function ongoingInterval(report: Report, nowMs: number): number | null {
  const last = report.steps?.last;
  if (typeof last !== 'number' || !isTraining(report, nowMs)) return null;
  const index = report.intervals.findIndex((interval) => interval.end_step === last);
  return index < 0 ? null : index;
}

/** Milliseconds until a training run would count as ended, if nothing new is written. */
export function msUntilQuiet(report: Report, nowMs: number): number | null {
  const age = secondsSinceWrite(report, nowMs);
  if (age === null || age > LIVE_SECONDS) return null;
  return (LIVE_SECONDS - age) * 1000;
}

/** "stalling now, since step 1,200" (or "diverging now, ..."). */
export function ongoingText(interval: Interval): string {
  const verb = interval.kind === 'diverged' ? 'diverging' : 'stalling';
  return `${verb} now, since step ${formatStep(interval.start_step)}`;
}
