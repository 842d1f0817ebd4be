// The chosen run's loss curve with every problem interval shaded, and the learning rate
// beside it, on the same step axis.

import type {Interval, Report, SeriesData, SeriesResponse} from './api';
import {StepChart, Shade, cssVar} from './chart';
import {clear, el, formatStep} from './dom';
import {causeTitle} from './causeCards';

export const MAIN_POINTS = 2000;

function flat(series: SeriesData): (number | null)[] {
  return (series.values as unknown[]).map((v) => (typeof v === 'number' ? v : null));
}

export class MainChart {
  readonly root: HTMLElement;
  private lossBox: HTMLElement;
  private lrBox: HTMLElement;
  private chips: HTMLElement;
  private chipCount: HTMLElement;
  private loss: StepChart | null = null;
  private lr: StepChart | null = null;
  private log = false;
  private report: Report | null = null;
  private data: SeriesResponse | null = null;
  private selected: number | null = null;
  readonly logToggle: HTMLInputElement;

  constructor(private onSelectInterval: (index: number) => void) {
    this.logToggle = el('input', {type: 'checkbox', id: 'log-scale'});
    this.logToggle.addEventListener('change', () => {
      this.log = this.logToggle.checked;
      this.drawCharts();
    });
    this.lossBox = el('div', {class: 'chart-box loss-chart'});
    this.lrBox = el('div', {class: 'chart-box lr-chart'});
    this.chips = el('div', {class: 'intervals', role: 'tablist', 'aria-label': 'Problem intervals'});
    this.chipCount = el('div', {class: 'intervals-count muted small'});
    this.root = el(
      'section',
      {class: 'main-chart'},
      el('div', {class: 'charts-row'}, this.lossBox, this.lrBox),
      this.chipCount,
      this.chips
    );
  }

  show(report: Report, data: SeriesResponse, selected: number | null): void {
    this.report = report;
    this.data = data;
    this.selected = selected;
    this.renderChips();
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

  private shades(): Shade[] {
    return (this.report?.intervals || []).map((interval: Interval, i: number) => ({
      start: interval.start_step,
      end: interval.end_step,
      kind: interval.kind,
      selected: i === this.selected,
    }));
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
      const chip = el(
        'button',
        {
          class: `chip chip-${interval.kind}${i === this.selected ? ' selected' : ''}`,
          role: 'tab',
          'aria-selected': i === this.selected ? 'true' : 'false',
          'data-interval': String(i),
        },
        `${interval.kind} ${formatStep(interval.start_step)}–${formatStep(interval.end_step)}`,
        top ? el('span', {class: 'chip-cause'}, ` · ${causeTitle(top)}`) : null
      );
      chip.addEventListener('click', () => this.onSelectInterval(i));
      this.chips.appendChild(chip);
    });
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
        lines: [{label: 'loss', steps: lossSeries.steps, values: flat(lossSeries), color: cssVar('--loss'), width: 1.6}],
        shades: this.shades(),
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
