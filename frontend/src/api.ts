// Data fetching: the plugin's JSON routes, by URLs relative to the plugin's data path
// (TensorBoard's plugin_entry.html sets <base href="plugin/plateau/">).

export type Verdict = 'stalled' | 'diverged' | 'healthy' | 'converged' | 'no_data' | 'error';

export interface RunRow {
  run: string;
  has_plateau: boolean;
  loss_tag: string | null;
  verdict: Verdict | null;
  pending: boolean;
  error?: string;
  steps?: {first: number; last: number; count: number} | null;
  final_loss?: number | null;
  intervals?: {kind: string; start_step: number; end_step: number}[];
  top_cause?: {id: string; title?: string | null; confidence: number} | null;
  signals?: string[];
}

export interface RunsResponse {
  version: number;
  runs: RunRow[];
  pending: number;
}

export interface Evidence {
  text: string;
  signal?: string;
  layers?: string[];
  steps?: [number, number];
  value?: number;
}

export interface Cause {
  id: string;
  // Absent in reports from servers older than the title field; see causeTitle().
  title?: string | null;
  // The column of a [layers, columns] signal that speaks for this cause; else the first.
  chart_column?: string | null;
  confidence: number;
  summary: string;
  evidence: Evidence[];
  fix: string;
}

export interface Interval {
  kind: 'stalled' | 'diverged' | string;
  start_step: number;
  end_step: number;
  loss_level?: number | null;
  baseline?: number | null;
  causes: Cause[];
}

/** A stall the loss recovered from (e.g. after a scheduled learning-rate drop): not a
 * problem of the run, so it has no causes. */
export interface ResolvedInterval {
  kind: 'stalled' | string;
  start_step: number;
  end_step: number;
  loss_level?: number | null;
  baseline?: number | null;
  resumed_at: number;
  // What ended it, in words ("the learning rate dropped from 0.05 to 0.005 after step 240; ...").
  ended_by: string;
  // [before, after], only when the learning rate changed at least 2x.
  learning_rate?: [number, number] | null;
}

/** Information about a loss that flattened far above zero with no evidence of a problem. */
export interface LevelNote {
  text: string;
  loss_level: number;
  baseline: number | null;
  // loss_level / baseline.
  fraction: number;
}

/** A live alert the training raised (PlateauCallback / PlateauLogger `on_stall`), at the step
 * it was raised: "stall" and "diverged" when a problem was confirmed, "ended" when it ended. */
export interface Alert {
  step: number;
  kind: 'stall' | 'diverged' | 'ended' | string;
  text: string;
}

export interface Report {
  version: number;
  run: string;
  verdict: Verdict;
  loss_tag: string | null;
  loss_source: string | null;
  steps: {first: number; last: number; count: number} | null;
  final_loss: number | null;
  baseline: {value: number; kind: string; text: string} | null;
  intervals: Interval[];
  // Both absent in reports from servers older than the verdict's resolved stalls.
  resolved_intervals?: ResolvedInterval[];
  level_note?: LevelNote | null;
  // Absent in reports from servers older than the live alerts / the live tab.
  alerts?: Alert[];
  // The newest wall time of the loss's events, seconds since the epoch; null when unknown.
  last_write_time?: number | null;
  signals: string[];
  notes: string[];
  // The notes a one-line note stands for (a run logged without tb-plateau); absent from
  // older servers.
  note_details?: string[];
  // Set by the plugin when the analysis raised: the report then has no diagnosis.
  analysis_error?: string;
}

export interface SeriesData {
  points: number;
  names: string[] | null;
  columns: string[] | null;
  shape: number[];
  downsampled: boolean;
  envelope?: boolean;
  steps: number[];
  // (n,) or (n, A) or (n, A, C); null where the logged value was not finite.
  values: (number | null)[] | (number | null)[][] | (number | null)[][][];
  extra?: {[key: string]: unknown};
}

export interface SeriesResponse {
  version: number;
  run: string;
  max_points: number;
  loss_tag: string | null;
  series: {[signal: string]: SeriesData};
  missing: string[];
  // Every ordinary scalar tag of the run: what the loss selector offers. Absent from
  // servers older than the selector.
  scalar_tags?: string[];
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function getJson<T>(path: string, params: [string, string][] = []): Promise<T> {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: {Accept: 'application/json'},
  });
  if (!response.ok) {
    const text = await response.text();
    throw new HttpError(response.status, text.slice(0, 300) || response.statusText);
  }
  return (await response.json()) as T;
}

export function fetchRuns(): Promise<RunsResponse> {
  return getJson<RunsResponse>('./runs');
}

/** `lossTag`: a scalar tag of the run to read as the loss; null for the automatic choice. */
export function fetchReport(run: string, lossTag: string | null = null): Promise<Report> {
  const params: [string, string][] = [['run', run]];
  if (lossTag !== null) params.push(['loss_tag', lossTag]);
  return getJson<Report>('./report', params);
}

export function fetchSeries(
  run: string,
  signals: string[],
  maxPoints: number,
  layers: string[] = [],
  lossTag: string | null = null
): Promise<SeriesResponse> {
  const params: [string, string][] = [
    ['run', run],
    ['signals', signals.join(',')],
    ['max_points', String(maxPoints)],
  ];
  for (const layer of layers) params.push(['layer', layer]);
  if (lossTag !== null) params.push(['loss_tag', lossTag]);
  return getJson<SeriesResponse>('./series', params);
}
