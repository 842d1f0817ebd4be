// The Plateau tab: entry point TensorBoard imports into its iframe (export `render`).

import {fetchReport, fetchRuns, fetchSeries, HttpError, Report, RunRow, SeriesResponse} from './api';
import {CauseCards, EVIDENCE_POINTS} from './causeCards';
import {append, clear, el, formatNumber, formatStep, nameEl, visibleControls} from './dom';
import {connectHost, hostPrefersDark, readUrlState, writeUrlState} from './host';
import {isTraining, LIVE_SECONDS, msUntilQuiet, ongoingInterval} from './live';
import {storedLossTag, storeLossTag} from './lossTags';
import {MainChart, MAIN_POINTS} from './mainChart';
import {RunList, verdictBadge} from './runList';

const POLL_WITHOUT_HOST_MS = 30_000;
const PENDING_RETRY_MS = 800;

const EXAMPLE = `from tb_plateau import PlateauCallback

model.fit(x, y, epochs=20, callbacks=[
    PlateauCallback("runs/my_run", probe_data=(x[:256], y[:256])),
])`;

class App {
  private runList: RunList;
  private mainChart: MainChart;
  private causeCards: CauseCards;
  private detail: HTMLElement;
  private header: HTMLElement;
  private notes: HTMLElement;
  private status: HTMLElement;
  private rows: RunRow[] = [];
  private run: string | null = null;
  private interval: number | null = null;
  private report: Report | null = null;
  private loadToken = 0;
  private refreshing = false;
  // Whether the shown run counted as training when drawn, and the timer that redraws it
  // when it would stop counting (a run that went quiet is shown as it ended).
  private shownTraining = false;
  private quietTimer: number | null = null;
  // The problem interval still in progress when drawn (live.ts), or null.
  private ongoing: number | null = null;
  // The loss tag the shown run is read with: the one chosen in the selector (kept per run,
  // lossTags.ts), or null for the automatic choice.
  private lossTag: string | null = null;
  // The tag the automatic choice read, per run, as its reports without a choice said.
  private automaticTags = new Map<string, string>();

  constructor(private root: HTMLElement) {
    this.runList = new RunList((run) => void this.selectRun(run, null));
    this.mainChart = new MainChart((index) => this.selectInterval(index));
    this.causeCards = new CauseCards();
    this.header = el('header', {class: 'run-header'});
    this.notes = el('div', {class: 'notes'});
    this.status = el('div', {class: 'status', role: 'status', 'aria-live': 'polite'});
    this.detail = el(
      'main',
      {class: 'detail'},
      this.status,
      this.header,
      this.notes,
      this.mainChart.root,
      this.causeCards.root
    );
    root.appendChild(el('div', {class: 'layout'}, this.runList.root, this.detail));
  }

  async start(): Promise<void> {
    const connected = connectHost(() => void this.refresh());
    if (!connected) window.setInterval(() => void this.refresh(), POLL_WITHOUT_HOST_MS);
    const state = await readUrlState();
    await this.loadRuns();
    if (!this.rows.length) return;
    const fromUrl = state.run !== undefined && this.rows.some((r) => r.run === state.run);
    const first =
      this.rows.find((r) => r.verdict === 'stalled' || r.verdict === 'diverged') || this.rows[0];
    await this.selectRun(fromUrl ? (state.run as string) : first.run, fromUrl ? state.interval ?? null : null);
  }

  redraw(): void {
    this.mainChart.redraw();
    this.causeCards.redraw();
  }

  private setStatus(text: string, error = false): void {
    clear(this.status);
    this.status.classList.toggle('error', error);
    if (text) this.status.appendChild(document.createTextNode(visibleControls(text)));
  }

  private async loadRuns(): Promise<void> {
    let response;
    try {
      response = await fetchRuns();
    } catch (error) {
      this.setStatus(`Could not list runs: ${(error as Error).message}`, true);
      return;
    }
    this.rows = response.runs;
    this.runList.setRuns(this.rows);
    if (!this.rows.length) {
      this.showEmptyState();
    } else if (this.root.querySelector('.empty-state')) {
      this.root.querySelector('.empty-state')?.remove();
    }
    if (response.pending > 0) {
      window.setTimeout(() => void this.loadRuns(), PENDING_RETRY_MS);
    }
  }

  /** TensorBoard reloaded: refresh the list, and the chosen run if it grew. */
  private async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      const before = this.rows.find((r) => r.run === this.run);
      await this.loadRuns();
      const after = this.rows.find((r) => r.run === this.run);
      const grew = !!after && !!before && JSON.stringify(before) !== JSON.stringify(after);
      // Unchanged, but no longer written to within LIVE_SECONDS: "stalling now" is over.
      const wentQuiet = !!this.report && this.shownTraining && !isTraining(this.report, Date.now());
      if (this.run && after && (grew || wentQuiet)) {
        await this.selectRun(this.run, this.interval, true);
      }
    } finally {
      this.refreshing = false;
    }
  }

  private showEmptyState(): void {
    clear(this.header);
    clear(this.notes);
    this.causeCards.destroyCharts();
    clear(this.causeCards.root);
    this.detail.querySelector('.empty-state')?.remove();
    this.detail.appendChild(
      el(
        'section',
        {class: 'empty-state'},
        el('h1', {}, 'No training runs with a loss yet'),
        el(
          'p',
          {},
          'The Plateau tab finds where a training loss stopped going down and ranks the probable causes. ' +
            'Any run with a loss scalar (for example Keras\u2019s epoch_loss) shows its stalled intervals; ' +
            'to rank causes it needs the gradient, activation and input statistics tb-plateau logs:'
        ),
        el('pre', {}, el('code', {}, EXAMPLE)),
        el(
          'p',
          {class: 'muted'},
          'Custom training loops: PlateauLogger. A terminal report of the same logdir: tb-plateau report <logdir>.'
        )
      )
    );
  }

  async selectRun(run: string, interval: number | null, keepView = false): Promise<void> {
    const token = ++this.loadToken;
    this.run = run;
    this.runList.select(run);
    const lossTag = storedLossTag(run);
    this.lossTag = lossTag;
    if (!keepView) this.setStatus(`Analysing ${run}\u2026`);
    let report: Report;
    let series: SeriesResponse;
    try {
      [report, series] = await Promise.all([
        fetchReport(run, lossTag),
        fetchSeries(run, ['loss', 'learning_rate'], MAIN_POINTS, [], lossTag),
      ]);
    } catch (error) {
      if (token !== this.loadToken) return;
      if (error instanceof HttpError && error.status === 400 && lossTag !== null) {
        // The chosen tag is gone from the run (or was never valid): back to automatic.
        storeLossTag(run, null);
        await this.selectRun(run, interval, keepView);
        if (token + 1 === this.loadToken) {
          this.setStatus(`This run has no scalar tag ${lossTag} any more: the loss is chosen automatically.`);
        }
        return;
      }
      const message = error instanceof HttpError && error.status === 404 ? 'This run is gone from the logdir.' : (error as Error).message;
      this.setStatus(message, true);
      return;
    }
    if (token !== this.loadToken) return;
    this.setStatus('');
    if (lossTag === null && report.loss_tag) this.automaticTags.set(run, report.loss_tag);
    this.report = report;
    const count = report.intervals.length;
    if (interval === null || interval >= count) interval = count ? 0 : null;
    this.interval = interval;
    writeUrlState({run, interval: interval ?? undefined});
    const now = Date.now();
    this.shownTraining = isTraining(report, now);
    this.ongoing = ongoingInterval(report, now);
    this.scheduleQuietCheck(report, now);
    this.renderHeader(report, series.scalar_tags || []);
    this.mainChart.show(report, series, interval, this.ongoing);
    await this.showCauses();
  }

  /** Redraws the run when it would stop counting as training, if nothing new arrives first. */
  private scheduleQuietCheck(report: Report, now: number): void {
    if (this.quietTimer !== null) window.clearTimeout(this.quietTimer);
    this.quietTimer = null;
    const wait = msUntilQuiet(report, now);
    if (wait === null) return;
    this.quietTimer = window.setTimeout(() => {
      this.quietTimer = null;
      if (this.run === report.run && this.report === report) void this.selectRun(report.run, this.interval, true);
    }, wait + 1000);
  }

  private selectInterval(index: number): void {
    if (!this.report || !this.run) return;
    this.interval = index;
    writeUrlState({run: this.run, interval: index});
    this.mainChart.selectInterval(index);
    void this.showCauses();
  }

  private async showCauses(): Promise<void> {
    const report = this.report;
    const run = this.run;
    if (!report || !run) return;
    const interval = this.interval === null ? null : report.intervals[this.interval];
    if (!interval) {
      this.causeCards.destroyCharts();
      clear(this.causeCards.root);
      if (report.verdict === 'healthy' || report.verdict === 'converged') {
        const how =
          report.verdict === 'healthy'
            ? 'the loss is still improving'
            : 'the loss flattened where nothing points to a problem';
        const resolved = (report.resolved_intervals || []).length;
        const recovered = resolved
          ? ` The loss recovered from ${resolved > 1 ? 'the stalls' : 'the stall'} marked resolved above.`
          : '';
        this.causeCards.root.appendChild(
          el('p', {class: 'notice ok'}, `No stalled or diverged interval: ${how} (${report.verdict}).${recovered}`)
        );
      }
      return;
    }
    const lossTag = this.lossTag;
    await this.causeCards.show(
      interval,
      (signals, layers) => fetchSeries(run, signals, EVIDENCE_POINTS, layers, lossTag),
      this.interval === this.ongoing
    );
  }

  /** The loss selector: the run's scalar tags (and the helper's own loss tag when that is
   * what the automatic choice reads), the automatic one marked, the one in use selected;
   * null when there is nothing to choose from. */
  private lossTagPicker(report: Report, scalarTags: string[]): HTMLElement | null {
    const run = report.run;
    const row = this.rows.find((r) => r.run === run);
    const automatic = this.automaticTags.get(run) ?? row?.loss_tag ?? null;
    const inUse = report.loss_tag;
    const tags: string[] = [];
    for (const tag of [automatic, inUse, ...scalarTags]) {
      if (tag && !tags.includes(tag)) tags.push(tag);
    }
    if (tags.length < 2 && !(inUse === null && tags.length)) return null;
    const select = el('select', {
      class: 'loss-tag',
      'aria-label': 'Loss tag',
      title: 'The scalar tag read as the loss; a choice is kept for this run',
    });
    if (inUse === null) select.appendChild(el('option', {value: '', disabled: ''}, 'none found'));
    for (const tag of tags) {
      select.appendChild(el('option', {value: tag}, visibleControls(tag) + (tag === automatic ? ' (automatic)' : '')));
    }
    select.value = inUse ?? '';
    select.addEventListener('change', () => {
      const tag = select.value;
      if (!tag) return;
      storeLossTag(run, tag === automatic ? null : tag);
      void this.selectRun(run, null);
    });
    return el('label', {class: 'loss-tag-picker'}, 'loss from ', select);
  }

  private renderHeader(report: Report, scalarTags: string[] = []): void {
    clear(this.header);
    clear(this.notes);
    const meta: string[] = [];
    if (report.steps) meta.push(`steps ${formatStep(report.steps.first)}–${formatStep(report.steps.last)} (${report.steps.count.toLocaleString('en-US')} logged)`);
    if (typeof report.final_loss === 'number') meta.push(`final loss ${formatNumber(report.final_loss)}`);
    if (report.baseline) meta.push(`baseline ${formatNumber(report.baseline.value)}: ${report.baseline.text}`);
    const picker = this.lossTagPicker(report, scalarTags);
    if (report.loss_tag && !picker) meta.push(`loss from ${report.loss_tag}`);
    const download = el('button', {class: 'button', type: 'button', title: 'Download the report as JSON'}, 'Download JSON');
    download.addEventListener('click', () => downloadReport(report));
    append(
      this.header,
      el(
        'div',
        {class: 'title-row'},
        verdictBadge(report.analysis_error ? 'error' : report.verdict),
        this.shownTraining ? liveTag(report) : null,
        nameEl('h1', 'run-title', report.run),
        el(
          'div',
          {class: 'actions'},
          this.mainChart.smoothingControl,
          el('label', {class: 'toggle', for: 'log-scale'}, this.mainChart.logToggle, ' log scale'),
          download
        )
      ),
      el('p', {class: 'meta muted'}, visibleControls(meta.join(' · ')), picker && meta.length ? ' · ' : null, picker)
    );
    // The report's own notes: a run logged without tb-plateau has one line there (its
    // details are in the downloaded JSON's note_details).
    const notes = [...(report.notes || [])];
    if (notes.length) {
      this.notes.appendChild(
        el('details', {class: 'notice', open: ''}, el('summary', {}, `What this run is missing (${notes.length})`), el('ul', {}, ...notes.map((n) => el('li', {}, visibleControls(n)))))
      );
    }
  }
}

function liveTag(report: Report): HTMLElement {
  const written = new Date((report.last_write_time as number) * 1000).toLocaleTimeString();
  return el(
    'span',
    {
      class: 'live-tag',
      title: `The loss was last written at ${written}: a run written to within ${LIVE_SECONDS / 60} minutes counts as still training.`,
    },
    el('span', {class: 'live-dot', 'aria-hidden': 'true'}),
    'training'
  );
}

function downloadReport(report: Report): void {
  const blob = new Blob([JSON.stringify(report, null, 2) + '\n'], {type: 'application/json'});
  const url = URL.createObjectURL(blob);
  const link = el('a', {href: url, download: `${report.run.replace(/[^A-Za-z0-9._-]+/g, '_') || 'run'}.plateau.json`});
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function applyTheme(app: App | null): void {
  const hostDark = hostPrefersDark();
  document.documentElement.classList.toggle('dark', hostDark === true);
  app?.redraw();
}

export async function render(): Promise<void> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = './index.css';
  const styled = new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => resolve());
  });
  document.head.appendChild(link);
  const meta = document.createElement('meta');
  meta.name = 'color-scheme';
  meta.content = 'light dark';
  document.head.appendChild(meta);
  await styled;
  const root = el('div', {class: 'plateau'});
  document.body.appendChild(root);
  const app = new App(root);
  applyTheme(null);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(app));
  await app.start();
}
