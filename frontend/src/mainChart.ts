// The chosen run's loss curve with every problem interval shaded (and the stalls it recovered
// from hatched), the alerts raised while it trained marked, the learning rate beside it on the
// same step axis, and the loss level's note.

import type {Alert, Interval, Report, ResolvedInterval, SeriesData, SeriesResponse} from './api';
import {Line, Marker, RefLine, StepChart, Shade, cssVar} from './chart';
import {clear, el, formatNumber, formatStep, visibleControls} from './dom';
import {
  SMOOTHING_MAX,
  SMOOTHING_MIN,
  SMOOTHING_STEP,
  parseSmoothing,
  smoothed,
  storeSmoothing,
  storedSmoothing,
} from './smoothing';
import {causeTitle} from './causeCards';
import {ongoingText} from './live';

export const MAIN_POINTS = 2000;

function flat(series: SeriesData): (number | null)[] {
  return (series.values as unknown[]).map((v) => (typeof v === 'number' ? v : null));
}

/** An alert's lines as the panel shows them: without the logger's "tb_plateau:" prefix and
 * the indentation that sets them apart in a terminal. */
function alertLines(text: string): string[] {
  const lines = visibleControls(text)
    .replace(/^\s*tb_plateau:\s*/, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line);
  return lines.length ? lines : [''];
}

export class MainChart {
  readonly root: HTMLElement;
  private lossBox: HTMLElement;
  private lrBox: HTMLElement;
  private chips: HTMLElement;
  private chipCount: HTMLElement;
  private resolved: HTMLElement;
  private alertList: HTMLElement;
  private levelNote: HTMLElement;
  private loss: StepChart | null = null;
  private lr: StepChart | null = null;
  private log = false;
  private report: Report | null = null;
  private data: SeriesResponse | null = null;
  private selected: number | null = null;
  // The problem interval still in progress while the run trains (live.ts), or null.
  private ongoing: number | null = null;
  // A resolved stall's chip only highlights its shade: it has no causes to open.
  private selectedResolved: number | null = null;
  readonly logToggle: HTMLInputElement;
  // The loss chart's smoothing, a slider as on TensorBoard's Scalars dashboard; it starts
  // where it was left last time.
  private smoothing = storedSmoothing();
  readonly smoothingInput: HTMLInputElement;
  private smoothingValue: HTMLOutputElement;
  readonly smoothingControl: HTMLElement;

  constructor(private onSelectInterval: (index: number) => void) {
    this.smoothingInput = el('input', {
      type: 'range',
      id: 'smoothing',
      min: String(SMOOTHING_MIN),
      max: String(SMOOTHING_MAX),
      step: String(SMOOTHING_STEP),
      value: String(this.smoothing),
      title: "Smoothing of the loss curve: TensorBoard's exponential moving average (0: the raw loss)",
    });
    this.smoothingValue = el('output', {class: 'smoothing-value', for: 'smoothing'});
    this.smoothingValue.textContent = this.smoothing.toFixed(2);
    this.smoothingInput.addEventListener('input', () => {
      this.smoothing = parseSmoothing(this.smoothingInput.value);
      this.smoothingValue.textContent = this.smoothing.toFixed(2);
      storeSmoothing(this.smoothing);
      this.loss?.setLines(this.lossLines());
    });
    this.smoothingControl = el(
      'label',
      {class: 'smoothing', for: 'smoothing'},
      'smoothing ',
      this.smoothingInput,
      this.smoothingValue
    );
    this.logToggle = el('input', {type: 'checkbox', id: 'log-scale'});
    this.logToggle.addEventListener('change', () => {
      this.log = this.logToggle.checked;
      this.drawCharts();
    });
    this.lossBox = el('div', {class: 'chart-box loss-chart'});
    this.lrBox = el('div', {class: 'chart-box lr-chart'});
    this.chips = el('div', {class: 'intervals', role: 'tablist', 'aria-label': 'Problem intervals'});
    this.chipCount = el('div', {class: 'intervals-count muted small'});
    this.resolved = el('div', {class: 'resolved-intervals', role: 'group', 'aria-label': 'Resolved stalls'});
    this.alertList = el('section', {class: 'alerts', 'aria-label': 'Alerts raised while training'});
    this.levelNote = el('div', {class: 'level-note-box'});
    this.root = el(
      'section',
      {class: 'main-chart'},
      this.levelNote,
      el('div', {class: 'charts-row'}, this.lossBox, this.lrBox),
      this.chipCount,
      this.chips,
      this.resolved,
      this.alertList
    );
  }

  show(report: Report, data: SeriesResponse, selected: number | null, ongoing: number | null = null): void {
    const sameRun = this.report?.run === report.run;
    this.report = report;
    this.data = data;
    this.selected = selected;
    this.ongoing = ongoing;
    if (!sameRun || (this.selectedResolved ?? 0) >= this.resolvedIntervals().length) {
      this.selectedResolved = null;
    }
    this.renderLevelNote();
    this.renderChips();
    this.renderResolved();
    this.renderAlerts();
    this.drawCharts();
  }

  selectInterval(index: number | null): void {
    this.selected = index;
    this.renderChips();
    this.drawCharts();
  }

  redraw(): void {
    this.drawCharts();
  }

  private resolvedIntervals(): ResolvedInterval[] {
    return this.report?.resolved_intervals || [];
  }

  private shades(): Shade[] {
    // Resolved first, so a problem interval that overlaps one is drawn over it.
    const resolved = this.resolvedIntervals().map((interval, i) => ({
      start: interval.start_step,
      end: interval.end_step,
      kind: 'resolved',
      selected: i === this.selectedResolved,
    }));
    const problems = (this.report?.intervals || []).map((interval: Interval, i: number) => ({
      start: interval.start_step,
      end: interval.end_step,
      kind: interval.kind,
      selected: i === this.selected,
    }));
    return [...resolved, ...problems];
  }

  private alerts(): Alert[] {
    return [...(this.report?.alerts || [])].sort((a, b) => a.step - b.step);
  }

  private markers(): Marker[] {
    return this.alerts().map((alert) => ({
      step: alert.step,
      kind: alert.kind === 'ended' ? 'ended' : 'alert',
      label: `step ${formatStep(alert.step)}: ${alertLines(alert.text).join('\n')}`,
    }));
  }

  private renderAlerts(): void {
    clear(this.alertList);
    const alerts = this.alerts();
    if (!alerts.length) return;
    this.alertList.appendChild(el('div', {class: 'alerts-title muted small'}, 'Raised while training'));
    for (const alert of alerts) {
      const [first, ...rest] = alertLines(alert.text);
      const kind = alert.kind === 'ended' ? 'ended' : 'raised';
      const head = [
        el('span', {class: `alert-mark alert-mark-${kind}`, 'aria-hidden': 'true'}),
        el('span', {class: 'alert-step'}, `step ${formatStep(alert.step)}`),
        ' \u2014 ',
        el('span', {class: 'alert-line'}, first),
      ];
      // The rest of the text (the cause, its evidence, the fix) opens under the first line.
      const more = rest.join('\n');
      this.alertList.appendChild(
        more
          ? el(
              'details',
              {class: `alert alert-${kind}`, 'data-step': String(alert.step)},
              el('summary', {}, ...head, el('span', {class: 'alert-more muted', 'aria-hidden': 'true'})),
              el('pre', {class: 'alert-text'}, more)
            )
          : el('div', {class: `alert alert-${kind}`, 'data-step': String(alert.step)}, ...head)
      );
    }
  }

  private renderLevelNote(): void {
    clear(this.levelNote);
    const note = this.report?.level_note;
    if (!note || !note.text) return;
    // Information about the level, not a warning: it has no interval and no causes.
    this.levelNote.appendChild(
      el(
        'p',
        {class: 'notice info level-note', role: 'note'},
        el('span', {class: 'info-mark', 'aria-hidden': 'true'}, 'i'),
        el('span', {}, visibleControls(note.text))
      )
    );
  }

  private renderResolved(): void {
    clear(this.resolved);
    const resolved = this.resolvedIntervals();
    if (!resolved.length) return;
    this.resolved.appendChild(
      el(
        'div',
        {class: 'resolved-title muted small'},
        resolved.length > 1
          ? `${resolved.length} stalls the loss recovered from: not problems of this run`
          : 'A stall the loss recovered from: not a problem of this run'
      )
    );
    resolved.forEach((interval, i) => {
      const on = i === this.selectedResolved;
      const item = el(
        'button',
        {
          type: 'button',
          class: `resolved${on ? ' selected' : ''}`,
          'aria-pressed': on ? 'true' : 'false',
          'data-resolved': String(i),
          title: 'Highlight this resolved stall on the charts',
        },
        el('span', {class: 'resolved-tag'}, 'resolved'),
        el('span', {class: 'resolved-steps'}, `steps ${formatStep(interval.start_step)}–${formatStep(interval.end_step)}`),
        interval.ended_by ? el('span', {class: 'resolved-ended-by'}, visibleControls(interval.ended_by)) : null,
        typeof interval.resumed_at === 'number'
          ? el('span', {class: 'resolved-resumed muted'}, `resumed at step ${formatStep(interval.resumed_at)}`)
          : null
      );
      item.addEventListener('click', () => {
        this.selectedResolved = this.selectedResolved === i ? null : i;
        this.markResolved();
        this.drawCharts();
      });
      this.resolved.appendChild(item);
    });
  }

  /** Marks the highlighted resolved stall in place, so keyboard focus stays on its button. */
  private markResolved(): void {
    for (const item of Array.from(this.resolved.querySelectorAll<HTMLElement>('.resolved'))) {
      const on = item.dataset.resolved === String(this.selectedResolved);
      item.classList.toggle('selected', on);
      item.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  }

  private renderChips(): void {
    clear(this.chips);
    clear(this.chipCount);
    const intervals = this.report?.intervals || [];
    // Many short stalls: the chips scroll inside a few rows (styles.css) under a count.
    if (intervals.length > 1) {
      this.chipCount.appendChild(document.createTextNode(`${intervals.length} problem intervals`));
    }
    intervals.forEach((interval, i) => {
      const top = [...(interval.causes || [])].sort((a, b) => b.confidence - a.confidence)[0];
      const ongoing = i === this.ongoing;
      const steps = `${formatStep(interval.start_step)}–${formatStep(interval.end_step)}`;
      const chip = el(
        'button',
        {
          class: `chip chip-${interval.kind}${ongoing ? ' chip-ongoing' : ''}${i === this.selected ? ' selected' : ''}`,
          role: 'tab',
          'aria-selected': i === this.selected ? 'true' : 'false',
          'data-interval': String(i),
          title: ongoing ? `steps ${steps} so far: the run is still being written` : undefined,
        },
        ongoing ? el('span', {class: 'live-dot', 'aria-hidden': 'true'}) : null,
        ongoing ? ongoingText(interval) : `${interval.kind} ${steps}`,
        top ? el('span', {class: 'chip-cause'}, ` · ${causeTitle(top)}`) : null
      );
      chip.addEventListener('click', () => this.onSelectInterval(i));
      this.chips.appendChild(chip);
    });
  }

  /** The raw loss, faint, behind the smoothed one (as TensorBoard's Scalars draw them). */
  private lossLines(): Line[] {
    const series = this.data?.series['loss'];
    if (!series) return [];
    const raw = flat(series);
    const color = cssVar('--loss');
    return [
      {label: 'loss (raw)', steps: series.steps, values: raw, color, width: 1.2, alpha: 0.3},
      {label: 'loss', steps: series.steps, values: smoothed(raw, this.smoothing), color, width: 1.6},
    ];
  }

  /** The constant-prediction loss: what a model that learned nothing would score. */
  private refLines(): RefLine[] {
    const value = this.report?.baseline?.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) return [];
    return [{value, label: `constant prediction ${formatNumber(value)}`}];
  }

  private drawCharts(): void {
    this.loss?.destroy();
    this.lr?.destroy();
    this.loss = this.lr = null;
    clear(this.lossBox);
    clear(this.lrBox);
    const report = this.report;
    const data = this.data;
    if (!report || !data) return;
    const lossSeries = data.series['loss'];
    if (lossSeries) {
      const title =
        `loss (${report.loss_tag || 'loss'})` +
        (lossSeries.downsampled ? ` · ${lossSeries.steps.length} of ${lossSeries.points} points` : '');
      this.loss = new StepChart({
        title,
        lines: this.lossLines(),
        shades: this.shades(),
        markers: this.markers(),
        refLines: this.refLines(),
        log: this.log,
        height: 300,
      });
      this.lossBox.appendChild(this.loss.root);
      this.loss.draw();
    } else {
      this.lossBox.appendChild(el('p', {class: 'notice'}, 'This run has no loss series.'));
    }
    const lrSeries = data.series['learning_rate'];
    if (lrSeries) {
      this.lr = new StepChart({
        title: 'learning rate',
        lines: [{label: 'lr', steps: lrSeries.steps, values: flat(lrSeries), color: cssVar('--lr')}],
        shades: this.shades(),
        log: this.log,
        height: 300,
      });
      this.lrBox.appendChild(this.lr.root);
      this.lr.draw();
    } else {
      this.lrBox.appendChild(
        el('p', {class: 'notice small'}, 'No learning rate logged. PlateauCallback logs it at every step.')
      );
    }
  }
}
