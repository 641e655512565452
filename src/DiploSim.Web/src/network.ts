import type { RelationsMap } from './generated/contract';
import { countryColour, countryName, say, words } from './i18n';

const svgNs = 'http://www.w3.org/2000/svg';

function el(tag: string, attrs: Record<string, string | number>, ...children: (SVGElement | string)[]): SVGElement {
  const node = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c);
  return node;
}

/** Trust −100..100 as a colour: red for hostility, grey for indifference, green for friendship. */
export function trustColour(trust: number): string {
  const t = Math.max(-1, Math.min(1, trust / 100));
  const grey = [140, 149, 159];
  const end = t < 0 ? [207, 34, 46] : [26, 127, 55];
  const mix = grey.map((g, i) => Math.round(g + (end[i] - g) * Math.abs(t)));
  return `rgb(${mix.join(',')})`;
}

/**
 * The relations network as an SVG: actors on a circle, sized by GDP; a line for each pair, coloured by their mean
 * trust and as thick as their trade. With a focus, the focus's ties stand out and the others fade. Pure drawing: a
 * hand-made layout is enough for a handful of actors, so no graph library is needed. `labelScale` enlarges the names
 * (the classroom screen's, read from the back of the room: 1.5, whose longest names still fit the drawing's margin).
 */
export function networkSvg(net: RelationsMap, focus: string | null, size = 360, labelScale = 1): SVGElement {
  const c = size / 2;
  const ring = size * 0.36;
  const n = net.Actors.length;
  const pos = new Map(net.Actors.map((a, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
    return [a.Id, { x: c + ring * Math.cos(angle), y: c + ring * Math.sin(angle) }] as const;
  }));
  const maxGdp = Math.max(1, ...net.Actors.map((a) => a.Gdp));
  const maxTrade = Math.max(1, ...net.Links.map((l) => l.Trade));
  const links = [...net.Links].sort((a, b) => a.Trade - b.Trade).map((l) => {
    const a = pos.get(l.A)!;
    const b = pos.get(l.B)!;
    const mean = (l.TrustAB + l.TrustBA) / 2;
    const mine = focus !== null && (l.A === focus || l.B === focus);
    const width = 1 + 11 * Math.sqrt(l.Trade / maxTrade);
    return el('line', {
      x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: trustColour(mean), 'stroke-width': width.toFixed(1), 'stroke-linecap': 'round',
      opacity: focus === null || mine ? 0.9 : 0.18, 'data-testid': `link-${l.A}-${l.B}`, 'data-trust': mean.toFixed(0),
    }, el('title', {}, say(words.network.linkTitle, { a: countryName(l.A), b: countryName(l.B), trade: l.Trade.toFixed(0), ab: l.TrustAB.toFixed(0), ba: l.TrustBA.toFixed(0) })));
  });
  const nodes = net.Actors.map((a) => {
    const p = pos.get(a.Id)!;
    const r = (size / 24) + (size / 22) * Math.sqrt(a.Gdp / maxGdp);
    return el('g', { 'data-testid': `node-${a.Id}` },
      el('circle', { cx: p.x, cy: p.y, r: r.toFixed(1), fill: '#fff', stroke: countryColour(a.Id), 'stroke-width': a.Id === focus ? 6 : 4 }, el('title', {}, say(words.network.nodeTitle, { name: countryName(a.Id) || a.Name, gdp: a.Gdp.toFixed(0) }))),
      el('text', { x: p.x, y: p.y + r + Math.round(size / 24), 'text-anchor': 'middle', 'font-size': Math.round((size / 26) * labelScale), 'font-weight': 700, fill: '#1b1f24' }, countryName(a.Id) || a.Name));
  });
  return el('svg', { viewBox: `${-size * 0.1} 0 ${size * 1.2} ${size}`, class: 'network', role: 'img', 'aria-label': words.network.label, 'data-testid': 'network' },
    ...links, ...nodes);
}

/** The legend under a network view. */
export function networkLegend(): HTMLElement {
  const p = document.createElement('p');
  p.className = 'muted legend';
  const swatch = (colour: string, text: string) => {
    const s = document.createElement('span');
    s.style.color = colour;
    s.textContent = '■';
    return [s, ` ${text} · `];
  };
  p.append(...swatch('rgb(207,34,46)', words.network.distrust), ...swatch('rgb(140,149,159)', words.network.neutral), ...swatch('rgb(26,127,55)', words.network.trust),
    words.network.legend);
  return p;
}
