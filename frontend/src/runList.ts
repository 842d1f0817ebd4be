// The run list: one row per run with its verdict badge, filtered by a regular expression.

import type {RunRow} from './api';
import {clear, el, nameEl, visibleControls} from './dom';
import {causeTitle} from './causeCards';

const VERDICT_TEXT: {[verdict: string]: string} = {
  stalled: 'stalled',
  diverged: 'diverged',
  healthy: 'healthy',
  converged: 'converged',
  no_data: 'no data',
  error: 'error',
};

export function verdictBadge(verdict: string | null, pending = false): HTMLElement {
  const key = pending || !verdict ? 'pending' : verdict;
  return el('span', {class: `badge badge-${key}`}, pending ? 'analysing' : VERDICT_TEXT[key] || key);
}

export class RunList {
  readonly root: HTMLElement;
  private list: HTMLElement;
  private filterInput: HTMLInputElement;
  private counts: HTMLElement;
  private rows: RunRow[] = [];
  private selected: string | null = null;

  constructor(private onSelect: (run: string) => void) {
    this.filterInput = el('input', {
      type: 'search',
      class: 'filter',
      placeholder: 'Filter runs (regex)',
      'aria-label': 'Filter runs by regular expression',
      spellcheck: 'false',
    });
    this.filterInput.addEventListener('input', () => this.render());
    this.counts = el('div', {class: 'counts'});
    this.list = el('ul', {class: 'run-list', role: 'listbox', 'aria-label': 'Runs'});
    this.root = el('nav', {class: 'sidebar'}, this.filterInput, this.counts, this.list);
  }

  setRuns(rows: RunRow[]): void {
    this.rows = rows;
    this.render();
  }

  select(run: string | null): void {
    this.selected = run;
    for (const item of Array.from(this.list.children) as HTMLElement[]) {
      const on = item.dataset.run === run;
      item.classList.toggle('selected', on);
      item.setAttribute('aria-selected', on ? 'true' : 'false');
    }
  }

  private pattern(): RegExp | null | 'invalid' {
    const text = this.filterInput.value;
    if (!text) return null;
    try {
      return new RegExp(text, 'i');
    } catch {
      return 'invalid';
    }
  }

  private render(): void {
    clear(this.list);
    const pattern = this.pattern();
    this.filterInput.classList.toggle('invalid', pattern === 'invalid');
    const shown =
      pattern === 'invalid' ? [] : this.rows.filter((row) => !pattern || pattern.test(row.run));
    const byVerdict = new Map<string, number>();
    for (const row of this.rows) {
      const key = row.pending ? 'pending' : row.verdict || 'pending';
      byVerdict.set(key, (byVerdict.get(key) || 0) + 1);
    }
    clear(this.counts);
    this.counts.appendChild(
      document.createTextNode(
        pattern === 'invalid'
          ? 'Invalid regular expression'
          : `${shown.length} of ${this.rows.length} runs` +
              (byVerdict.get('stalled') ? ` · ${byVerdict.get('stalled')} stalled` : '') +
              (byVerdict.get('diverged') ? ` · ${byVerdict.get('diverged')} diverged` : '')
      )
    );
    for (const row of shown) {
      const top = row.top_cause;
      const detail = row.error
        ? 'analysis failed'
        : top
          ? `${causeTitle(top)} · ${Math.round(top.confidence * 100)}%`
          : row.has_plateau
            ? ''
            : `scalar loss only (${row.loss_tag || '?'})`;
      const item = el(
        'li',
        {class: 'run', role: 'option', tabindex: '0', 'aria-selected': 'false'},
        verdictBadge(row.verdict, row.pending),
        nameEl('span', 'run-name', row.run),
        detail ? el('span', {class: 'run-detail'}, visibleControls(detail)) : null
      );
      item.dataset.run = row.run;
      item.addEventListener('click', () => this.onSelect(row.run));
      item.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.onSelect(row.run);
        }
      });
      this.list.appendChild(item);
    }
    this.select(this.selected);
  }
}
