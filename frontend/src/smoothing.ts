// The loss chart's smoothing, as TensorBoard's Scalars dashboard smooths its curves, and
// the weight chosen last (kept between visits, as TensorBoard keeps its own).

import {readSetting, writeSetting} from './settings';

/** TensorBoard's default smoothing weight (its Scalars dashboard starts at 0.6). */
export const DEFAULT_SMOOTHING = 0.6;
/** The slider's range: 0 draws the raw series. */
export const SMOOTHING_MIN = 0;
export const SMOOTHING_MAX = 0.99;
export const SMOOTHING_STEP = 0.01;

/**
 * A debiased exponential moving average, the one TensorBoard's Scalars dashboard draws
 * (tensorboard/webapp/widgets/line_chart_v2/data_transformer.ts, `classicSmoothing`): a
 * first-order low-pass filter run over the points in step order,
 *
 *     last_t = w * last_{t-1} + (1 - w) * y_t,   last_0 = 0,
 *     smoothed_t = last_t / (1 - w^n_t)
 *
 * where w is the smoothing weight and n_t the number of finite points so far. Starting the
 * average at 0 biases it towards 0 (a series that is always c averages to c * (1 - w^n));
 * dividing by (1 - w^n) removes that bias, so the smoothed curve starts at the first value
 * instead of climbing up from 0. Points that are not finite (null here) are left as they
 * are and do not enter the average. A constant series is returned unchanged. With w = 0 the
 * result is the raw series.
 */
export function smoothed(values: (number | null)[], weight: number): (number | null)[] {
  let w = Number.isFinite(weight) ? weight : 0;
  w = Math.max(0, Math.min(w, 1));
  const first = values[0];
  if (values.every((v) => v === first)) return values.slice();
  let last = 0;
  let count = 0;
  return values.map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    count++;
    const debias = w === 1 ? 1 : 1 - Math.pow(w, count);
    return last / debias;
  });
}

/** A weight from text (a slider's value): clamped to the slider's range, else the default. */
export function parseSmoothing(text: string | null): number {
  const value = text === null || text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) return DEFAULT_SMOOTHING;
  return Math.max(SMOOTHING_MIN, Math.min(SMOOTHING_MAX, value));
}

const SMOOTHING_SETTING = 'smoothing';

/** The weight chosen last time, snapped to the slider's steps; the default when nothing
 * usable is stored (no storage, or a value that is not a number in the slider's range). */
export function storedSmoothing(): number {
  const value = readSetting(SMOOTHING_SETTING);
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_SMOOTHING;
  if (value < SMOOTHING_MIN || value > SMOOTHING_MAX) return DEFAULT_SMOOTHING;
  return Number((Math.round(value / SMOOTHING_STEP) * SMOOTHING_STEP).toFixed(2));
}

/** Keeps the chosen weight for the next visit (a no-op where storage is unavailable). */
export function storeSmoothing(weight: number): void {
  writeSetting(SMOOTHING_SETTING, weight);
}
