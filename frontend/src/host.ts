// Talking to the TensorBoard page around the iframe: its reload notifications and the
// URL, so that the chosen run and interval survive a reload and can be shared as a link.

const PLUGIN = 'plateau';
const IPC_VERSION = 'experimental';
const DATA_RELOADED = `${IPC_VERSION}.DataReloaded`;
const GET_URL_DATA = `${IPC_VERSION}.GetURLPluginData`;

interface IpcMessage {
  type: string;
  id: number;
  payload: unknown;
  error: string | null;
  isReply: boolean;
}

export interface UrlState {
  run?: string;
  interval?: number;
}

/** The message channel TensorBoard's host offers iframed plugins (JSON over a MessagePort). */
class HostChannel {
  private port: MessagePort | null = null;
  private nextId = 0;
  private waiting = new Map<number, (payload: unknown) => void>();
  private listeners = new Map<string, (payload: unknown) => void>();

  connect(): boolean {
    if (window.parent === window) return false;
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.addEventListener('message', (event) => this.receive(event));
    this.port.start();
    window.parent.postMessage(`${IPC_VERSION}.bootstrap`, '*', [channel.port2]);
    return true;
  }

  listen(type: string, callback: (payload: unknown) => void): void {
    this.listeners.set(type, callback);
  }

  request(type: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    if (!this.port) return Promise.resolve(undefined);
    const id = this.nextId++;
    this.post({type, id, payload, error: null, isReply: false});
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        window.clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  private receive(event: MessageEvent): void {
    let message: IpcMessage;
    try {
      message = JSON.parse(String(event.data)) as IpcMessage;
    } catch {
      return;
    }
    if (message.isReply) {
      const resolve = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (resolve) resolve(message.error ? undefined : message.payload);
      return;
    }
    const callback = this.listeners.get(message.type);
    if (callback) callback(message.payload);
    this.post({type: message.type, id: message.id, payload: null, error: null, isReply: true});
  }

  private post(message: IpcMessage): void {
    this.port?.postMessage(JSON.stringify(message));
  }
}

const channel = new HostChannel();
let connected = false;

/** Calls `onReload` whenever TensorBoard reloads its data (its reload button or timer). */
export function connectHost(onReload: () => void): boolean {
  connected = channel.connect();
  channel.listen(DATA_RELOADED, () => onReload());
  return connected;
}

function parseHash(hash: string): UrlState {
  const state: UrlState = {};
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(part.slice(0, eq));
      value = decodeURIComponent(part.slice(eq + 1));
    } catch {
      continue;
    }
    const plain = key.startsWith(`p.${PLUGIN}.`) ? key.slice(PLUGIN.length + 3) : key;
    if (plain === 'run') state.run = value;
    if (plain === 'interval' && /^\d+$/.test(value)) state.interval = Number(value);
  }
  return state;
}

function parentLocation(): Location | null {
  try {
    return window.parent !== window ? window.parent.location : null;
  } catch {
    return null; // a cross-origin embedder: only our own hash is ours to use
  }
}

/** The run and interval named in the URL: TensorBoard's own (p.plateau.*) or ours. */
export async function readUrlState(): Promise<UrlState> {
  if (connected) {
    const data = (await channel.request(GET_URL_DATA, {pluginName: PLUGIN}, 1500)) as
      | {[key: string]: string}
      | undefined;
    if (data && typeof data === 'object' && typeof data['run'] === 'string') {
      const state: UrlState = {run: data['run']};
      if (/^\d+$/.test(data['interval'] || '')) state.interval = Number(data['interval']);
      return state;
    }
  }
  const parent = parentLocation();
  const fromParent = parent ? parseHash(parent.hash) : {};
  if (fromParent.run !== undefined) return fromParent;
  return parseHash(window.location.hash);
}

/**
 * Puts the chosen run and interval in the iframe's hash and in TensorBoard's hash as
 * `p.plateau.run` / `p.plateau.interval` (the keys TensorBoard hands back to plugins), so
 * that copying the browser's address reopens the same view.
 */
export function writeUrlState(state: UrlState): void {
  const ours: string[] = [];
  if (state.run !== undefined) ours.push(`run=${encodeURIComponent(state.run)}`);
  if (state.interval !== undefined) ours.push(`interval=${state.interval}`);
  const ownHash = ours.length ? `#${ours.join('&')}` : '';
  if (window.location.hash !== ownHash) {
    history.replaceState(null, '', window.location.pathname + window.location.search + ownHash);
  }
  const parent = parentLocation();
  if (!parent) return;
  try {
    const kept = parent.hash
      .replace(/^#/, '')
      .split('&')
      .filter((part) => part && !part.startsWith(`p.${PLUGIN}.`));
    const added = ours.map((part) => `p.${PLUGIN}.${part}`);
    const hash = `#${[...kept, ...added].join('&')}`;
    if (parent.hash !== hash) {
      window.parent.history.replaceState(
        window.parent.history.state,
        '',
        parent.pathname + parent.search + hash
      );
    }
  } catch {
    // The host page refused; the iframe's own hash still holds the state.
  }
}

/** TensorBoard's own dark-mode toggle, when the host page is reachable. */
export function hostPrefersDark(): boolean | null {
  try {
    if (window.parent === window) return null;
    const body = window.parent.document.body;
    if (body.classList.contains('dark-mode')) return true;
    return null;
  } catch {
    return null;
  }
}
