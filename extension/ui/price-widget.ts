import type { PriceSummary } from '../../shared/history.ts';
import { formatMoney } from '../../shared/money.ts';
import type { WidgetData } from '../agents/widget.ts';
import type { PredictionView } from '../messaging.ts';
import { currentLocale, t, tn } from './i18n.ts';
import { predictionHeadline } from './prediction-text.ts';
import { sparklinePath } from './sparkline.ts';

/**
 * The product-page panel, built with plain DOM in a CLOSED shadow root: page CSS cannot reach in, page scripts
 * cannot read the shopper's history out, and every page-derived string goes in as text (textContent), never as
 * markup. Positioned absolutely beside the price, so mounting, collapsing or updating it never moves the page.
 */

export interface WidgetActions {
  watch: () => Promise<WidgetData | null>;
  setCollapsed: (collapsed: boolean) => void;
}

export interface MountedWidget {
  host: HTMLElement;
  update: (data: WidgetData) => void;
  /** The buy-or-wait answer, asked for after mounting (the model may take a moment to load). */
  showPrediction: (view: PredictionView | null) => void;
}

const WIDTH = 260;
const SPARK_W = 236;
const SPARK_H = 40;

/** Where AliExpress pages of each generation show the current price (first match wins). */
const PRICE_SELECTORS = [
  '.product-price-current',
  '[class*="price--current"]',
  '[class*="price-default--current"]',
  '[class*="uniform-banner-box-price"]',
  '.product-price-value',
];

export function findPriceElement(doc: Document): Element | null {
  for (const selector of PRICE_SELECTORS) {
    const el = doc.querySelector(selector);
    if (el && el.getBoundingClientRect().width > 0) return el;
  }
  return null;
}

const CSS = `
:host { all: initial; }
.panel { box-sizing: border-box; width: ${WIDTH}px; font: 13px/1.4 system-ui, sans-serif; color: #1a1a1a;
  background: #fff; border: 1px solid #c9c9c9; border-radius: 8px; box-shadow: 0 2px 8px rgb(0 0 0 / 0.15); }
.head { display: flex; align-items: center; justify-content: space-between; gap: 6px; padding: 6px 8px; }
.head strong { font-size: 13px; }
button { font: inherit; cursor: pointer; border-radius: 4px; min-height: 28px; padding: 2px 8px; }
.toggle { background: none; border: 1px solid transparent; color: #1a1a1a; }
.body { padding: 0 8px 8px; }
.body[hidden] { display: none; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 6px 0; }
dt { color: #555; } dd { margin: 0; font-weight: 600; text-align: end; }
.verdict { margin: 4px 0; }
.good { color: #0b6b2e; } .bad { color: #a4001b; }
.prediction { font-weight: 600; }
.watch { background: #c42603; color: #fff; border: 1px solid #a01f02; width: 100%; }
.watch[disabled] { background: #eee; color: #1a1a1a; border-color: #ccc; cursor: default; }
svg { display: block; }
:focus-visible { outline: 3px solid #1a5fd0; outline-offset: 1px; }
`;

export function mountWidget(
  doc: Document,
  data: WidgetData,
  collapsed: boolean,
  actions: WidgetActions,
): MountedWidget {
  const host = doc.createElement('div');
  host.setAttribute('data-aliexpress-companion', 'widget');
  host.style.cssText = `position:absolute;z-index:2147483000;width:${WIDTH}px;top:0;left:0;contain:layout style;`;
  const root = host.attachShadow({ mode: 'closed' });
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const style = el('style');
  style.textContent = CSS;
  const panel = el('section', 'panel');
  panel.setAttribute('aria-label', t('widget.title'));
  const head = el('div', 'head');
  const title = el('strong', undefined, t('widget.title'));
  const toggle = el('button', 'toggle');
  toggle.type = 'button';
  const body = el('div', 'body');
  body.id = 'companion-widget-body';
  toggle.setAttribute('aria-controls', body.id);
  head.append(title, toggle);
  panel.append(head, body);
  root.append(style, panel);

  const setCollapsed = (value: boolean) => {
    collapsed = value;
    body.hidden = value;
    toggle.setAttribute('aria-expanded', String(!value));
    toggle.textContent = value ? t('widget.expand') : t('widget.collapse');
  };
  toggle.addEventListener('click', () => {
    setCollapsed(!collapsed);
    actions.setCollapsed(collapsed);
  });

  let prediction: Node | null = null;
  const update = (d: WidgetData) => {
    const nodes = renderBody(doc, d, actions, update, el);
    if (prediction) nodes.push(prediction);
    body.replaceChildren(...nodes);
  };
  // The advice arrives later (the model may be loading): it goes last, so nothing already on screen moves — the
  // Watch button stays under the shopper's cursor — and the body is not re-rendered for it.
  const showPrediction = (view: PredictionView | null) => {
    const next = predictionNode(view, el);
    if (prediction?.parentNode === body) {
      if (next) body.replaceChild(next, prediction);
      else body.removeChild(prediction);
    } else if (next) body.append(next);
    prediction = next;
  };
  update(data);
  setCollapsed(collapsed);
  (doc.body ?? doc.documentElement).append(host);
  place(doc, host);
  doc.defaultView?.addEventListener('resize', () => place(doc, host), { passive: true });
  return { host, update, showPrediction };
}

/** Only an actual answer is shown: "too little history" is the common case and would crowd the panel. */
function predictionNode(
  view: PredictionView | null,
  el: <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    cls?: string,
    text?: string,
  ) => HTMLElementTagNameMap[K],
): Node | null {
  const p = view?.prediction;
  if (p?.kind !== 'prediction' || !Number.isFinite(p.pDrop)) return null;
  const node = el('p', `verdict prediction ${p.advice === 'wait' ? 'bad' : 'good'}`, predictionHeadline(p));
  node.dataset.testid = 'widget-prediction';
  node.dataset.advice = p.advice;
  return node;
}

/** Beside the price (to its right, or under it when there is no room); bottom-right corner without one. */
export function place(doc: Document, host: HTMLElement): void {
  const win = doc.defaultView!;
  const price = findPriceElement(doc);
  if (!price) {
    host.style.position = 'fixed';
    host.style.left = '';
    host.style.top = '';
    host.style.right = '12px';
    host.style.bottom = '12px';
    return;
  }
  const r = price.getBoundingClientRect();
  const room = doc.documentElement.clientWidth - r.right - 16;
  const left =
    room >= WIDTH ? r.right + 12 : Math.max(8, Math.min(r.left, doc.documentElement.clientWidth - WIDTH - 8));
  const top = room >= WIDTH ? r.top : r.bottom + 6;
  host.style.left = `${Math.round(left + win.scrollX)}px`;
  host.style.top = `${Math.round(top + win.scrollY)}px`;
}

function renderBody(
  doc: Document,
  d: WidgetData,
  actions: WidgetActions,
  update: (d: WidgetData) => void,
  el: <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    cls?: string,
    text?: string,
  ) => HTMLElementTagNameMap[K],
): Node[] {
  const locale = currentLocale();
  const money = (n: number | null | undefined) => (n == null ? '—' : formatMoney(n, d.currency, locale));
  const s = d.summary;
  const out: Node[] = [];

  if (d.points.length > 0) {
    const prices = d.points.map((p) => p.price);
    const alt = t('widget.chartAlt', {
      low: money(Math.min(...prices)),
      high: money(Math.max(...prices)),
      now: money(prices.at(-1)),
    });
    const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', String(SPARK_W));
    svg.setAttribute('height', String(SPARK_H));
    svg.setAttribute('viewBox', `0 0 ${SPARK_W} ${SPARK_H}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', alt);
    const titleNode = doc.createElementNS('http://www.w3.org/2000/svg', 'title');
    titleNode.textContent = alt;
    const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', sparklinePath(d.points, SPARK_W, SPARK_H, Date.now()));
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', '#c42603');
    path.setAttribute('stroke-width', '2');
    svg.append(titleNode, path);
    out.push(svg);
  }

  const dl = el('dl');
  const row = (label: string, value: string, testId: string) => {
    const dd = el('dd', undefined, value);
    dd.dataset.testid = testId;
    dl.append(el('dt', undefined, label), dd);
  };
  row(t('widget.now'), money(s?.current?.price ?? d.points.at(-1)?.price), 'widget-now');
  row(t('widget.lowest30'), money(s?.lowest30), 'widget-lowest30');
  row(t('widget.lowest90'), money(s?.lowest90), 'widget-lowest90');
  out.push(dl);

  for (const line of verdict(s, money)) {
    const p = el('p', `verdict ${line.tone}`, line.text);
    p.dataset.testid = 'widget-verdict';
    out.push(p);
  }
  out.push(el('p', 'verdict', tn('widget.reads', d.points.length)));

  const watch = el('button', 'watch', d.watched ? t('widget.watching') : t('widget.watch'));
  watch.type = 'button';
  watch.dataset.testid = 'widget-watch';
  watch.disabled = d.watched;
  watch.addEventListener('click', () => {
    watch.disabled = true;
    void actions
      .watch()
      .then((next) => next && update(next))
      .catch(() => {
        watch.disabled = false;
      });
  });
  out.push(watch);
  return out;
}

function verdict(
  s: PriceSummary | null,
  money: (n: number | null | undefined) => string,
): { text: string; tone: 'good' | 'bad' | '' }[] {
  if (!s?.current) return [];
  const out: { text: string; tone: 'good' | 'bad' | '' }[] = [];
  if (s.isAllTimeLow && s.observedDays > 1) out.push({ text: t('widget.allTimeLow'), tone: 'good' });
  else if (s.lowestInDays) out.push({ text: t('widget.lowestIn', { days: s.lowestInDays }), tone: 'good' });
  const v = s.verdict;
  if (v.kind === 'real') {
    out.push({ text: t('widget.real', { pct: Math.round(v.realPct ?? 0) }), tone: 'good' });
  } else if (v.kind === 'inflated') out.push({ text: t('widget.inflated'), tone: 'bad' });
  else if (v.kind === 'not-a-discount') {
    out.push({ text: t('widget.notDiscount', { price: money(v.reference) }), tone: 'bad' });
  } else if (v.kind === 'insufficient-data') {
    out.push({ text: t('widget.insufficient', { days: v.coverageDays }), tone: '' });
  }
  return out;
}
