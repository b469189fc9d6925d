import { extract } from '../../shared/extract/index.ts';
import type { ExtractResult, PageInput } from '../../shared/extract/types.ts';
import type { ExtractTrigger } from '../messaging.ts';
import { CHANNEL, parseRelayMessage } from './relay.ts';
import { isSkuOption, selectedSegments, skuIdForSegments } from './sku-selection.ts';

export type Report = (result: ExtractResult, trigger: ExtractTrigger) => void;

/**
 * The isolated-world side on product pages: reads the server HTML once the DOM is parsed (2019–2024 pages
 * carry runParams there), adds every pdp response the MAIN-world reader relays, and reads again when the
 * shopper picks another variant or the page moves to another item. Each read goes to `report`.
 */
export function installPageReader(win: Window, report: Report, signal?: AbortSignal): void {
  const doc = win.document;
  let payloads: string[] = [];
  /** After a soft navigation the server HTML describes the previous item: read payloads only. */
  let htmlIsCurrent = true;
  let navigated = false;
  /** The variant of the last read, to tell a real switch from a re-render. */
  let lastSku: string | null = null;

  const read = (trigger: ExtractTrigger) => {
    const input: PageInput = { url: win.location.href, payloads: [...payloads] };
    if (htmlIsCurrent) {
      input.html = doc.documentElement.outerHTML;
      input.document = doc;
    }
    const result = withDomSelection(extract(input), doc, payloads);
    lastSku = result.selectedSkuId;
    report(result, trigger);
  };

  win.addEventListener(
    'message',
    (event) => {
      const message = parseRelayMessage(event, win);
      if (message?.kind === 'payload') {
        payloads = [...payloads.slice(-3), message.text];
        read(navigated ? 'navigation' : 'payload');
        navigated = false;
      } else if (message?.kind === 'navigated') {
        payloads = [];
        htmlIsCurrent = false;
        navigated = true;
        lastSku = null;
      }
    },
    { signal },
  );

  // Variant switches show up as a class change on a `[data-sku-col]` option: observe exactly that.
  const observer = new MutationObserver((records) => {
    if (payloads.length === 0 || !records.some((r) => isSkuOption(r.target))) return;
    const skuId = skuIdForSegments(payloads, selectedSegments(doc));
    if (skuId && skuId !== lastSku) read('sku-switch');
  });
  observer.observe(doc, { attributes: true, attributeFilter: ['class'], subtree: true });
  signal?.addEventListener('abort', () => observer.disconnect());

  const start = () => read('load');
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start, { once: true, signal });
  else start();
  win.postMessage({ channel: CHANNEL, kind: 'ready' }, win.location.origin);
}

/** The DOM says which variant is picked now; the pdp data may still name the one selected at load. */
function withDomSelection(result: ExtractResult, doc: Document, payloads: string[]): ExtractResult {
  const skuId = skuIdForSegments(payloads, selectedSegments(doc));
  if (!skuId || skuId === result.selectedSkuId || !result.skus.some((s) => s.skuId === skuId)) return result;
  return {
    ...result,
    selectedSkuId: skuId,
    sources: { ...result.sources, selectedSkuId: 'dom:data-sku-col' },
  };
}
