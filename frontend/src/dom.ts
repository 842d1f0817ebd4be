// DOM helpers. Every run, tag, layer and feature name reaches the page through
// textContent, never innerHTML: names come from event files anyone can write.

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: {[key: string]: string | undefined} = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// Bidirectional controls (LRE..RLO, LRI..PDI). Inside a name they are kept and the name is
// isolated (class "name", dir=auto); inside a sentence that quotes a name they are shown
// as visible marks, or an RLO would reverse the rest of the sentence (the "Trojan Source"
// spoofing trick).
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function visibleControls(text: string): string {
  return String(text).replace(BIDI_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

/** A run, tag or layer name: its own bidi context, its direction from its first strong letter. */
export function nameEl(tag: 'span' | 'h1' | 'td', className: string, name: string): HTMLElement {
  return el(tag, {class: `${className} name`, dir: 'auto', title: name}, name);
}

export function formatNumber(value: unknown): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '–' : String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) {
    return value.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  }
  return value.toPrecision(4).replace(/\.?0+$/, '');
}

export function formatStep(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
