// The ranked causes of one problem interval: a card each, with a confidence bar, the
// evidence (small charts of the supporting signals, or a table of input features) and the fix.

import type {Cause, Evidence, Interval, SeriesData, SeriesResponse} from './api';
import {StepChart, Line, Shade, paletteColor} from './chart';
import {clear, el, formatNumber, formatStep, nameEl, visibleControls} from './dom';
import {ongoingText} from './live';

// Titles for reports from servers that predate the report's own cause titles.
const FALLBACK_CAUSE_TITLES: {[id: string]: string} = {
  learning_rate_too_high: 'Learning rate too high',
  learning_rate_too_low: 'Learning rate too low',
  vanishing_gradients: 'Vanishing gradients',
  exploding_gradients: 'Exploding gradients',
  dead_relus: 'Dead ReLUs',
  saturated_activations: 'Saturated activations',
  unnormalized_inputs: 'Unnormalized inputs',
  loss_activation_mismatch: 'Loss / output activation mismatch',
  insufficient_capacity: 'Insufficient capacity',
  over_regularization: 'Over-regularization',
  poor_initialization: 'Poor initialization',
  non_finite_values: 'Non-finite values (NaN / Inf)',
};

const MAX_LINES = 8;
export const EVIDENCE_POINTS = 400;

export function causeTitle(cause: {id: string; title?: string | null}): string {
  return cause.title || FALLBACK_CAUSE_TITLES[cause.id] || cause.id.replace(/_/g, ' ');
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type SeriesLoader = (signals: string[], layers: string[]) => Promise<SeriesResponse>;

export class CauseCards {
  readonly root: HTMLElement;
  private charts: StepChart[] = [];

  constructor() {
    this.root = el('section', {class: 'causes', 'aria-label': 'Probable causes'});
  }

  destroyCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  redraw(): void {
    for (const chart of this.charts) chart.draw();
  }

  /** `ongoing`: the interval is still in progress (the run is training). */
  async show(interval: Interval | null, load: SeriesLoader, ongoing = false): Promise<void> {
    this.destroyCharts();
    clear(this.root);
    if (!interval) return;
    const causes = [...(interval.causes || [])].sort((a, b) => b.confidence - a.confidence);
    this.root.appendChild(
      el(
        'h2',
        {},
        ongoing
          ? capitalized(ongoingText(interval))
          : `${interval.kind === 'diverged' ? 'Diverged' : 'Stalled'} at steps ${formatStep(
              interval.start_step
            )}–${formatStep(interval.end_step)}`,
        typeof interval.loss_level === 'number'
          ? el('span', {class: 'muted'}, ` · loss ≈ ${formatNumber(interval.loss_level)}`)
          : null,
        typeof interval.baseline === 'number'
          ? el('span', {class: 'muted'}, ` · constant-prediction loss ${formatNumber(interval.baseline)}`)
          : null
      )
    );
    if (!causes.length) {
      this.root.appendChild(
        el(
          'p',
          {class: 'notice'},
          'No cause stands out. Log gradients and activations with PlateauCallback(probe_data=...) to give the diagnosis more to go on.'
        )
      );
      return;
    }
    const signals = new Set<string>();
    const layers = new Set<string>();
    for (const cause of causes) {
      for (const item of cause.evidence || []) {
        if (item.signal) signals.add(item.signal);
        for (const layer of item.layers || []) layers.add(layer);
      }
    }
    const cards = causes.map((cause, rank) => this.card(cause, rank));
    for (const card of cards) this.root.appendChild(card.node);
    if (!signals.size) return;
    let data: SeriesResponse | null = null;
    try {
      data = await load(Array.from(signals), []);
    } catch (error) {
      for (const card of cards) card.slots.forEach((slot) => slot?.remove());
      return;
    }
    causes.forEach((cause, i) => {
      (cause.evidence || []).forEach((item, j) => {
        const slot = cards[i].slots[j];
        if (!slot || !item.signal || !data) return;
        const series = data.series[item.signal];
        if (!series) {
          slot.remove();
          return;
        }
        this.fill(slot, cause, item, series, interval, cards[i].sharing[j]);
      });
    });
  }

  /** A card; `slots[j]` is where evidence item j's chart goes (undefined when an earlier
   * item of the card draws the same chart), `sharing[j]` the items that chart stands for. */
  private card(
    cause: Cause,
    rank: number
  ): {node: HTMLElement; slots: (HTMLElement | undefined)[]; sharing: Evidence[][]} {
    const percent = Math.round(Math.max(0, Math.min(1, cause.confidence)) * 100);
    const bar = el('div', {class: 'confidence-fill'});
    bar.style.width = `${percent}%`;
    const slots: (HTMLElement | undefined)[] = [];
    const sharing: Evidence[][] = [];
    // Items of one card that chart the same signal, column and layers draw one chart (under
    // the first of them), with each item's steps marked on it.
    const drawn = new Map<string, Evidence[]>();
    const evidence = el('ul', {class: 'evidence'});
    for (const item of cause.evidence || []) {
      const key = chartKey(cause, item);
      const earlier = item.signal ? drawn.get(key) : undefined;
      let slot: HTMLElement | undefined;
      if (earlier) {
        earlier.push(item);
        sharing.push(earlier);
      } else {
        const items = [item];
        if (item.signal) drawn.set(key, items);
        sharing.push(items);
        if (item.signal) slot = el('div', {class: 'evidence-chart'});
      }
      slots.push(slot);
      evidence.appendChild(el('li', {}, el('p', {}, visibleControls(item.text)), slot));
    }
    const node = el(
      'article',
      {class: `cause${rank === 0 ? ' top' : ''}`, 'data-cause': cause.id},
      el(
        'header',
        {},
        el('span', {class: 'rank'}, `#${rank + 1}`),
        el('h3', {}, causeTitle(cause)),
        el('span', {class: 'confidence-text'}, `${percent}%`)
      ),
      el(
        'div',
        {
          class: 'confidence',
          role: 'meter',
          'aria-valuemin': '0',
          'aria-valuemax': '100',
          'aria-valuenow': String(percent),
          'aria-label': 'confidence',
        },
        bar
      ),
      el('p', {class: 'summary'}, visibleControls(cause.summary)),
      cause.evidence && cause.evidence.length ? el('h4', {}, 'Evidence') : null,
      evidence,
      el('div', {class: 'fix'}, el('h4', {}, 'Fix'), el('p', {}, visibleControls(cause.fix)))
    );
    return {node, slots, sharing};
  }

  private fill(
    slot: HTMLElement,
    cause: Cause,
    item: Evidence,
    series: SeriesData,
    interval: Interval,
    items: Evidence[] = [item]
  ) {
    const names = series.names || [];
    const columns = series.columns || [];
    if (item.signal === 'inputs' && series.shape.length === 2) {
      slot.appendChild(featureTable(series, item));
      return;
    }
    const columnIndex = cause.chart_column ? Math.max(0, columns.indexOf(cause.chart_column)) : 0;
    const lines: Line[] = [];
    let note = '';
    const values = series.values as unknown[];
    const pick = (row: unknown, a: number | null): number | null => {
      let v: unknown = row;
      if (a !== null) v = (v as unknown[])[a];
      if (series.shape.length === 2) v = (v as unknown[])[columnIndex];
      return typeof v === 'number' ? v : null;
    };
    if (series.shape.length === 0) {
      lines.push({label: item.signal as string, steps: series.steps, values: values as (number | null)[]});
    } else if (series.shape.length === 1 && !names.length && columns.length) {
      // One value per column (targets, predictions): a line per column.
      if (columns.length > MAX_LINES) note = `showing ${MAX_LINES} of ${columns.length} columns`;
      columns.slice(0, MAX_LINES).forEach((column, c) =>
        lines.push({
          label: column,
          steps: series.steps,
          values: values.map((row) => {
            const v = (row as unknown[])[c];
            return typeof v === 'number' ? v : null;
          }),
        })
      );
    } else {
      const count = series.shape[0] || names.length;
      const chosen = relevantLayers(item.layers || [], names, count, (a) =>
        values.map((row) => pick(row, a)), series.steps, interval);
      chosen.forEach((a) =>
        lines.push({
          label: names[a] || `#${a}`,
          steps: series.steps,
          values: values.map((row) => pick(row, a)),
        })
      );
      if (count > chosen.length) {
        const named = new Set(item.layers || []);
        const onlyNamed = chosen.every((a) => named.has(names[a]));
        note = `showing ${chosen.length} of ${count} layers: ` +
          (onlyNamed ? 'the ones the evidence names' : 'those furthest from the other layers inside the interval');
      }
    }
    lines.forEach((line, i) => (line.color = paletteColor(i + 1)));
    const shades: Shade[] = [
      {start: interval.start_step, end: interval.end_step, kind: interval.kind, selected: false},
    ];
    const marked = new Set<string>();
    for (const each of items) {
      if (!each.steps || marked.has(String(each.steps))) continue;
      marked.add(String(each.steps));
      shades.push({start: each.steps[0], end: each.steps[1], kind: 'evidence', selected: true});
    }
    const column = series.shape.length === 2 ? columns[columnIndex] || '' : '';
    // A fraction (zero_fraction, saturated_fraction, ...) is drawn on its whole range, 0..1.
    const fraction = isFraction(column || (series.shape.length === 0 ? (item.signal as string) : ''));
    const positive = lines.every((line) => line.values.every((v) => v === null || v > 0));
    const spread = positive && !fraction ? logSpread(lines) : 0;
    const title = series.shape.length === 2 ? `${item.signal} · ${column}` : (item.signal as string);
    const chart = new StepChart({
      title,
      lines,
      shades,
      height: 170,
      log: spread > 2.5,
      yRange: fraction ? [0, 1] : undefined,
    });
    if (fraction) chart.root.classList.add('fraction-chart');
    slot.appendChild(chart.root);
    if (note) slot.appendChild(el('p', {class: 'muted small lines-note'}, note));
    this.charts.push(chart);
    chart.draw();
  }
}

/** What makes two evidence items of a card the same chart. */
function chartKey(cause: Cause, item: Evidence): string {
  return JSON.stringify([item.signal || '', cause.chart_column || '', [...(item.layers || [])].sort()]);
}

/** A column (or signal) whose values are fractions in [0, 1], by its name. */
export function isFraction(name: string): boolean {
  return /(^|_)fraction$/.test(name);
}

/**
 * At most MAX_LINES layer indices to draw: the layers the evidence names (in its order),
 * then the layers whose mean inside the interval is furthest from the median of all
 * layers' means (the outliers a reader should see; a thousand lines would be a blur).
 */
function relevantLayers(
  named: string[],
  names: string[],
  count: number,
  column: (a: number) => (number | null)[],
  steps: number[],
  interval: Interval
): number[] {
  const chosen: number[] = [];
  const taken = new Set<number>();
  for (const layer of named) {
    const a = names.indexOf(layer);
    if (a >= 0 && a < count && !taken.has(a) && chosen.length < MAX_LINES) {
      chosen.push(a);
      taken.add(a);
    }
  }
  if (chosen.length >= MAX_LINES || chosen.length >= count) return chosen;
  if (named.length && chosen.length) return chosen; // the evidence said which layers matter
  const inside = steps.map((s) => s >= interval.start_step && s <= interval.end_step);
  const means: number[] = [];
  for (let a = 0; a < count; a++) {
    let sum = 0;
    let n = 0;
    column(a).forEach((v, i) => {
      if (v !== null && Number.isFinite(v) && inside[i]) {
        sum += v;
        n++;
      }
    });
    means.push(n ? sum / n : NaN);
  }
  const finite = means.filter((m) => Number.isFinite(m)).sort((x, y) => x - y);
  const median = finite.length ? finite[Math.floor(finite.length / 2)] : 0;
  const order = means
    .map((m, a) => ({a, score: Number.isFinite(m) ? Math.abs(m - median) : -1}))
    .filter(({a}) => !taken.has(a))
    .sort((x, y) => y.score - x.score || x.a - y.a);
  for (const {a} of order) {
    if (chosen.length >= MAX_LINES) break;
    chosen.push(a);
  }
  return chosen.sort((x, y) => x - y);
}

function logSpread(lines: Line[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const line of lines)
    for (const v of line.values)
      if (v !== null && v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  return hi > lo ? Math.log10(hi / lo) : 0;
}

/** Input features at the last logged step; the ones named by the evidence first. */
function featureTable(series: SeriesData, item: Evidence): HTMLElement {
  const names = series.names || [];
  const columns = series.columns || [];
  const rows = series.values as (number | null)[][][];
  const last = rows[rows.length - 1] || [];
  const flagged = new Set(item.layers || []);
  const order = names.map((_n, i) => i);
  order.sort((a, b) => Number(flagged.has(names[b])) - Number(flagged.has(names[a])));
  const shown = order.slice(0, 20);
  const table = el(
    'table',
    {class: 'features'},
    el('thead', {}, el('tr', {}, el('th', {}, 'feature'), ...columns.map((c) => el('th', {}, c)))),
    el(
      'tbody',
      {},
      ...shown.map((f) =>
        el(
          'tr',
          {class: flagged.has(names[f]) ? 'flagged' : undefined},
          nameEl('td', 'feature-name', names[f] || `#${f}`),
          ...columns.map((_c, c) => el('td', {}, formatNumber((last[f] || [])[c])))
        )
      )
    )
  );
  const caption = `at step ${formatStep(series.steps[series.steps.length - 1] || 0)}` +
    (names.length > shown.length ? ` · ${shown.length} of ${names.length} features` : '');
  return el('div', {class: 'table-wrap'}, table, el('p', {class: 'muted small'}, caption));
}
