// The loss tag chosen for each run in the panel's selector, kept between visits with the
// panel's other settings (settings.ts). A run without a choice reads the automatic one.

import {readSetting, writeSetting} from './settings';

const SETTING = 'lossTags';
// Runs remembered at most: the oldest choices are forgotten first, so that a logdir of
// thousands of runs cannot grow the settings without bound.
export const MAX_REMEMBERED_RUNS = 200;

// This page's choices (null: back to automatic), ahead of storage: where storage is blocked,
// absent or full, a choice still holds until the page is left.
const thisPage = new Map<string, string | null>();

// Run names are arbitrary text ("__proto__" included): kept in an object without a prototype.
function stored(): {[run: string]: string} {
  const out: {[run: string]: string} = Object.create(null);
  const value = readSetting(SETTING);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [run, tag] of Object.entries(value as {[run: string]: unknown})) {
    if (typeof tag === 'string' && tag) out[run] = tag;
  }
  return out;
}

/** The loss tag chosen for `run`, or null for the automatic choice. */
export function storedLossTag(run: string): string | null {
  if (thisPage.has(run)) return thisPage.get(run) ?? null;
  const all = stored();
  return Object.prototype.hasOwnProperty.call(all, run) ? all[run] : null;
}

/** Keeps `tag` as `run`'s loss tag; null forgets the choice (back to automatic). */
export function storeLossTag(run: string, tag: string | null): void {
  thisPage.set(run, tag);
  const all = stored();
  delete all[run];
  if (tag !== null) all[run] = tag; // newest last
  const runs = Object.keys(all);
  for (const old of runs.slice(0, Math.max(0, runs.length - MAX_REMEMBERED_RUNS))) delete all[old];
  writeSetting(SETTING, all);
}
