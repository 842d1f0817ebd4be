// A uPlot line chart over steps, with problem (and resolved) intervals shaded behind the curves
// and vertical markers at given steps over them.

import uPlot from 'uplot';
import {formatNumber, formatStep} from './dom';

export interface Shade {
  start: number;
  end: number;
  kind: string; // stalled | diverged | evidence | resolved
  selected: boolean;
}

// Resolved stalls are hatched in a neutral colour: visible where the loss waited, but not
// mistakable for a problem interval's solid shade.
const HATCH_SPACING = 8;

/** A vertical line at a step: where the training raised a live alert ("alert"), or where it
 * said the problem ended ("ended"). Its label shows when the cursor is on it. */
export interface Marker {
  step: number;
  kind: 'alert' | 'ended';
  label: string;
}

// How close (CSS pixels) the cursor must be to a marker to show its label.
const MARKER_HOVER_PX = 5;

export interface Line {
  label: string;
  steps: number[];
  values: (number | null)[];
  color?: string;
  dash?: number[];
  width?: number;
  // Opacity of the line (a raw series drawn faint behind its smoothed one).
  alpha?: number;
}

/** A horizontal dashed line at a value, labelled on the chart (e.g. the constant-prediction
 * loss). The y range is widened to include it. */
export interface RefLine {
  value: number;
  label: string;
}

export interface ChartSpec {
  title: string;
  lines: Line[];
  shades?: Shade[];
  markers?: Marker[];
  log?: boolean;
  height: number;
  yLabel?: string;
  legend?: boolean;
  // A fixed y range (e.g. [0, 1] for a fraction); else the data's (and refLines') range.
  yRange?: [number, number];
  refLines?: RefLine[];
}

const PALETTE_VARS = ['--c0', '--c1', '--c2', '--c3', '--c4', '--c5', '--c6', '--c7'];

export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export function paletteColor(index: number): string {
  return cssVar(PALETTE_VARS[index % PALETTE_VARS.length]);
}

/** Aligns lines with different step axes onto the union of their steps (null = gap). */
function align(lines: Line[], log: boolean): uPlot.AlignedData {
  const all = new Set<number>();
  for (const line of lines) for (const s of line.steps) all.add(s);
  const xs = Float64Array.from(all).sort();
  const index = new Map<number, number>();
  xs.forEach((s, i) => index.set(s, i));
  const ys = lines.map((line) => {
    const column: (number | null)[] = new Array(xs.length).fill(null);
    line.steps.forEach((s, i) => {
      const v = line.values[i];
      column[index.get(s) as number] = typeof v === 'number' && (!log || v > 0) ? v : null;
    });
    return column;
  });
  return [Array.from(xs), ...ys] as uPlot.AlignedData;
}

function drawHatch(
  ctx: CanvasRenderingContext2D,
  left: number,
  top: number,
  width: number,
  height: number,
  selected: boolean
): void {
  const color = cssVar('--resolved');
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.fillStyle = color;
  ctx.globalAlpha = selected ? 0.14 : 0.06;
  ctx.fillRect(left, top, width, height);
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = ratio;
  ctx.globalAlpha = selected ? 0.5 : 0.3;
  ctx.beginPath();
  // Lines at 45 degrees, anchored to the canvas so neighbouring shades line up.
  const step = HATCH_SPACING * ratio;
  for (let x = Math.floor((left - height) / step) * step; x < left + width; x += step) {
    ctx.moveTo(x, top + height);
    ctx.lineTo(x + height, top);
  }
  ctx.stroke();
  if (selected) {
    ctx.globalAlpha = 0.8;
    ctx.setLineDash([4 * ratio, 3 * ratio]);
    ctx.lineWidth = 1.5 * ratio;
    ctx.beginPath();
    for (const x of [left + ctx.lineWidth / 2, left + width - ctx.lineWidth / 2]) {
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
    }
    ctx.stroke();
  }
  ctx.restore();
}

function shadePlugin(shades: Shade[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const ctx = u.ctx;
        ctx.save();
        for (const shade of shades) {
          const x0 = u.valToPos(shade.start, 'x', true);
          const x1 = u.valToPos(shade.end, 'x', true);
          const left = Math.max(u.bbox.left, Math.min(x0, x1));
          const right = Math.min(u.bbox.left + u.bbox.width, Math.max(x0, x1));
          if (right < left) continue;
          if (shade.kind === 'resolved') {
            drawHatch(ctx, left, u.bbox.top, Math.max(right - left, 2), u.bbox.height, shade.selected);
            continue;
          }
          const base = shade.kind === 'diverged' ? '--diverged' : '--stalled';
          ctx.globalAlpha = shade.selected ? 0.32 : 0.16;
          ctx.fillStyle = cssVar(base);
          ctx.fillRect(left, u.bbox.top, Math.max(right - left, 2), u.bbox.height);
          if (shade.selected) {
            ctx.globalAlpha = 0.9;
            ctx.fillRect(left, u.bbox.top, 2, u.bbox.height);
            ctx.fillRect(Math.max(right - 2, left), u.bbox.top, 2, u.bbox.height);
          }
        }
        ctx.restore();
      },
    },
  };
}

function drawMarker(ctx: CanvasRenderingContext2D, x: number, top: number, height: number, kind: string): void {
  const ratio = window.devicePixelRatio || 1;
  const flag = 5 * ratio;
  ctx.save();
  ctx.globalAlpha = 0.95;
  ctx.lineWidth = 1.5 * ratio;
  if (kind === 'ended') {
    // Dashed, green, a hollow circle on top: the problem ended here, not one raised.
    ctx.strokeStyle = cssVar('--healthy');
    ctx.setLineDash([4 * ratio, 3 * ratio]);
    ctx.beginPath();
    ctx.moveTo(x, top + 2 * flag);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(x, top + flag, flag * 0.8, 0, 2 * Math.PI);
    ctx.stroke();
  } else {
    // Solid, a filled triangle on top pointing down at the step.
    const color = cssVar('--alert');
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x - flag, top);
    ctx.lineTo(x + flag, top);
    ctx.lineTo(x, top + 1.6 * flag);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

function markerPlugin(markers: Marker[]): uPlot.Plugin {
  let tip: HTMLElement | null = null;
  return {
    hooks: {
      init: (u: uPlot) => {
        tip = document.createElement('div');
        tip.className = 'marker-tip';
        tip.hidden = true;
        u.over.appendChild(tip);
      },
      draw: (u: uPlot) => {
        const right = u.bbox.left + u.bbox.width;
        for (const marker of markers) {
          const x = u.valToPos(marker.step, 'x', true);
          if (!(x >= u.bbox.left - 1 && x <= right + 1)) continue;
          drawMarker(u.ctx, Math.min(Math.max(x, u.bbox.left), right), u.bbox.top, u.bbox.height, marker.kind);
        }
      },
      setCursor: (u: uPlot) => {
        if (!tip) return;
        const left = u.cursor.left;
        const near =
          typeof left === 'number' && left >= 0
            ? markers.filter((m) => Math.abs(u.valToPos(m.step, 'x') - left) <= MARKER_HOVER_PX)
            : [];
        tip.hidden = !near.length;
        if (!near.length) return;
        // Text only: alert texts come from event files anyone can write.
        tip.textContent = near.map((m) => m.label).join('\n\n');
        const x = u.valToPos(near[0].step, 'x');
        const flip = x > u.over.clientWidth / 2;
        tip.style.left = flip ? '' : `${x + 8}px`;
        tip.style.right = flip ? `${u.over.clientWidth - x + 8}px` : '';
      },
    },
  };
}

function refLinePlugin(refs: RefLine[]): uPlot.Plugin {
  const labels: HTMLElement[] = [];
  return {
    hooks: {
      init: (u: uPlot) => {
        for (const ref of refs) {
          // Text only, in the DOM (readable, selectable), placed over the line by `draw`.
          const label = document.createElement('div');
          label.className = 'ref-label';
          label.textContent = ref.label;
          label.dataset.value = String(ref.value);
          u.over.appendChild(label);
          labels.push(label);
        }
      },
      draw: (u: uPlot) => {
        const ratio = window.devicePixelRatio || 1;
        const ctx = u.ctx;
        refs.forEach((ref, i) => {
          const y = u.valToPos(ref.value, 'y', true);
          const inside = y >= u.bbox.top - 1 && y <= u.bbox.top + u.bbox.height + 1;
          labels[i].hidden = !inside;
          if (!inside) return;
          ctx.save();
          ctx.strokeStyle = cssVar('--fg');
          ctx.globalAlpha = 0.7;
          ctx.lineWidth = 1.25 * ratio;
          ctx.setLineDash([6 * ratio, 4 * ratio]);
          ctx.beginPath();
          ctx.moveTo(u.bbox.left, y);
          ctx.lineTo(u.bbox.left + u.bbox.width, y);
          ctx.stroke();
          ctx.restore();
          const cssY = u.valToPos(ref.value, 'y');
          // Above the line, unless that would leave the plot.
          labels[i].style.top = cssY < 16 ? `${cssY + 2}px` : `${cssY - 16}px`;
        });
      },
    },
  };
}

function yScale(spec: ChartSpec, refs: RefLine[], log: boolean): uPlot.Scale {
  if (spec.yRange) {
    const fixed = spec.yRange;
    return {auto: false, range: () => [fixed[0], fixed[1]]};
  }
  if (!refs.length) return log ? {distr: 3} : {};
  const lows = refs.map((r) => r.value);
  // The data's range widened to include the reference lines, padded as uPlot pads its own.
  const range: uPlot.Range.Function = (_u, min, max) => {
    const lo = Math.min(...lows, ...(min === null || min === undefined ? [] : [min]));
    const hi = Math.max(...lows, ...(max === null || max === undefined ? [] : [max]));
    if (log) return uPlot.rangeLog(lo, hi, 10, true);
    const pad = {pad: 0.1, soft: 0, mode: 3 as const};
    return uPlot.rangeNum(lo, hi, {min: pad, max: pad});
  };
  return log ? {distr: 3, range} : {range};
}

export class StepChart {
  readonly root: HTMLElement;
  private plot: uPlot | null = null;
  private observer: ResizeObserver;

  constructor(private spec: ChartSpec) {
    this.root = document.createElement('div');
    this.root.className = 'chart';
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(this.root);
  }

  /** Draws (again): call after the root is in the document, on theme change, on resize. */
  draw(): void {
    this.plot?.destroy();
    this.plot = null;
    const width = Math.max(this.root.clientWidth, 200);
    const spec = this.spec;
    const log = !!spec.log && !spec.yRange;
    const refs = (spec.refLines || []).filter((r) => Number.isFinite(r.value) && (!log || r.value > 0));
    const fg = cssVar('--fg');
    const grid = cssVar('--grid');
    const axis = (label?: string): uPlot.Axis => ({
      stroke: fg,
      grid: {stroke: grid, width: 1},
      ticks: {stroke: grid, width: 1},
      label,
      labelSize: label ? 18 : 0,
      font: '11px system-ui, sans-serif',
      labelFont: '11px system-ui, sans-serif',
    });
    const options: uPlot.Options = {
      title: spec.title,
      width,
      height: spec.height,
      plugins: [
        shadePlugin(spec.shades || []),
        ...(spec.markers?.length ? [markerPlugin(spec.markers)] : []),
        ...(refs.length ? [refLinePlugin(refs)] : []),
      ],
      scales: {x: {time: false}, y: yScale(spec, refs, log)},
      legend: {show: spec.legend !== false, live: true},
      cursor: {drag: {x: true, y: false}},
      axes: [
        {...axis('step'), values: (_u, ticks) => ticks.map((t) => formatStep(t))},
        {
          ...axis(spec.yLabel),
          size: 60,
          values: (_u, ticks) => ticks.map((t) => formatNumber(t)),
        },
      ],
      series: [
        {label: 'step', value: (_u, v) => (v === null || v === undefined ? '–' : formatStep(v))},
        ...spec.lines.map((line, i) => ({
          label: line.label,
          stroke: line.color || paletteColor(i),
          width: line.width || 1.5,
          dash: line.dash,
          alpha: line.alpha ?? 1,
          spanGaps: false,
          points: {show: false},
          value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '–' : formatNumber(v)),
        })),
      ],
      hooks: {
        // The drawn y range, for readers of the page (and the browser tests).
        setScale: [
          (u: uPlot, key: string) => {
            if (key !== 'y') return;
            this.root.dataset.yMin = String(u.scales.y.min);
            this.root.dataset.yMax = String(u.scales.y.max);
          },
        ],
      },
    };
    this.plot = new uPlot(options, align(spec.lines, log), this.root);
  }

  update(spec: ChartSpec): void {
    this.spec = spec;
    this.draw();
  }

  /** New values for the same lines (e.g. another smoothing): keeps the zoom and cursor. */
  setLines(lines: Line[]): void {
    const same = this.plot && lines.length === this.spec.lines.length;
    this.spec = {...this.spec, lines};
    if (!same || !this.plot) {
      this.draw();
      return;
    }
    const log = !!this.spec.log && !this.spec.yRange;
    this.plot.setData(align(lines, log), false);
    this.plot.redraw();
  }

  /** The values drawn for line `index` (the chart's own data, aligned on its steps). */
  drawnValues(index: number): (number | null)[] {
    return this.plot ? (Array.from(this.plot.data[index + 1] || []) as (number | null)[]) : [];
  }

  private resize(): void {
    if (!this.plot) return;
    const width = Math.max(this.root.clientWidth, 200);
    if (Math.abs(width - this.plot.width) > 2) {
      this.plot.setSize({width, height: this.spec.height});
    }
  }

  destroy(): void {
    this.observer.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }
}
