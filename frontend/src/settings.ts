// The panel's settings kept between visits: one JSON object in localStorage, as TensorBoard
// keeps its own settings (`_tb_global_settings`). Storage can be absent, blocked (it throws
// in some privacy modes and sandboxed frames), full, or hold anything a user or another
// version wrote; then a setting falls back to its default and the panel carries on.

export const SETTINGS_KEY = '_tb_plateau_settings';

type Settings = {[name: string]: unknown};

function storage(): Storage | null {
  try {
    return window.localStorage || null;
  } catch {
    return null;
  }
}

function readAll(store: Storage): Settings {
  try {
    const parsed: unknown = JSON.parse(store.getItem(SETTINGS_KEY) || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Settings) : {};
  } catch {
    return {};
  }
}

/** The stored value of one setting, or undefined (nothing stored, or no storage). */
export function readSetting(name: string): unknown {
  const store = storage();
  if (!store) return undefined;
  return readAll(store)[name];
}

/** Keeps one setting; silently does nothing when storage is missing, blocked or full. */
export function writeSetting(name: string, value: unknown): void {
  const store = storage();
  if (!store) return;
  try {
    const settings = readAll(store);
    settings[name] = value;
    store.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // The choice then lasts for this page only.
  }
}
