import { fixtureText, PAGES } from './pages.ts';

/**
 * Today's product page as the live site assembles it, built from two real pieces: the client-rendered server
 * HTML (no price in it) and the real `mtop.aliexpress.pdp.pc.query` response. The live page's own bundle
 * (blocked here: it lives on a CDN) is replaced by a small script constructed for the test that does what it
 * does: ask the pdp query — as JSONP the way its mtop library does, or via fetch/XHR — keep the result in
 * `_d_c_.lifeCycleEventList[0].data`, render the variant options as `[data-sku-col]` items and, on a click,
 * move the `sku-item--selected--<hash>` class (the page's own SKU switch).
 */

export type Transport = 'jsonp' | 'fetch' | 'xhr' | 'memory';

export const PDP_ENDPOINT = 'https://acs.aliexpress.com/h5/mtop.aliexpress.pdp.pc.query/1.0/';
export const JSONP_CALLBACK = 'mtopjsonp1';

export interface TodayPage {
  url: string;
  html: string;
  /** The pdp query response body as the endpoint serves it for this transport (none for `memory`). */
  response: { body: string; contentType: string } | null;
}

export function pdpResponseText(): string {
  return fixtureText(PAGES.pdp);
}

export function todayPage(
  transport: Transport,
  productId = '1005012410104961',
  pdpText = pdpResponseText(),
): TodayPage {
  const url = `https://id.aliexpress.com/item/${productId}.html`;
  const server = fixtureText(PAGES.csr);
  const script = `<script>(${pageBundle.toString()})(${JSON.stringify({
    transport,
    endpoint: PDP_ENDPOINT,
    callback: JSONP_CALLBACK,
    productId,
    memory: transport === 'memory' ? pdpText : null,
  })});</script>`;
  const html = server.includes('</body>') ? server.replace('</body>', `${script}</body>`) : server + script;
  const response =
    transport === 'jsonp'
      ? { body: `${JSONP_CALLBACK}(${pdpText})`, contentType: 'application/javascript' }
      : transport === 'memory'
        ? null
        : { body: pdpText, contentType: 'application/json' };
  return { url, html, response };
}

interface BundleOptions {
  transport: Transport;
  endpoint: string;
  callback: string;
  productId: string;
  memory: string | null;
}

interface PdpResult {
  SKU: {
    selectedSkuAttr: string;
    skuProperties: {
      skuPropertyId: number;
      skuPropertyValues: { propertyValueIdLong: number; propertyValueDisplayName: string }[];
    }[];
  };
}

/** Runs in the page (serialised with toString): plain browser JS only, no imports, no closures. */
function pageBundle(options: BundleOptions): void {
  const w = window as unknown as Record<string, unknown> & { _d_c_?: { lifeCycleEventList?: unknown[] } };
  const render = (result: PdpResult) => {
    w._d_c_ = w._d_c_ || {};
    w._d_c_.lifeCycleEventList = [{ data: result }];
    const selected = result.SKU.selectedSkuAttr.split(';');
    const root = document.createElement('div');
    root.className = 'sku--wrap--xgoW06M';
    for (const property of result.SKU.skuProperties) {
      const row = document.createElement('div');
      row.className = 'sku-item--skus--StEhULs';
      row.setAttribute('data-sku-row', String(property.skuPropertyId));
      for (const value of property.skuPropertyValues) {
        const col = `${property.skuPropertyId}-${value.propertyValueIdLong}`;
        const option = document.createElement('div');
        option.setAttribute('data-sku-col', col);
        option.title = value.propertyValueDisplayName;
        option.textContent = value.propertyValueDisplayName;
        const isSelected = selected.includes(col.replace('-', ':'));
        option.className = `sku-item--image--jMUnnGA${isSelected ? ' sku-item--selected--ITGY_EO' : ''}`;
        option.addEventListener('click', () => {
          for (const sibling of row.children) sibling.classList.remove('sku-item--selected--ITGY_EO');
          option.classList.add('sku-item--selected--ITGY_EO');
        });
        row.appendChild(option);
      }
      root.appendChild(row);
    }
    document.body.appendChild(root);
  };
  const onResponse = (response: { data: { result: PdpResult } }) => render(response.data.result);
  const load = (productId: string) => {
    const query = `?jsv=2.5.1&appKey=12574478&t=${Date.now()}&api=mtop.aliexpress.pdp.pc.query&v=1.0&type=originaljsonp&dataType=originaljsonp&data=${encodeURIComponent(JSON.stringify({ productId }))}`;
    if (options.transport === 'memory') {
      onResponse(JSON.parse(options.memory as string));
    } else if (options.transport === 'jsonp') {
      w[options.callback] = onResponse;
      const script = document.createElement('script');
      script.src = `${options.endpoint}${query}&callback=${options.callback}`;
      document.head.appendChild(script);
    } else if (options.transport === 'fetch') {
      fetch(`${options.endpoint}${query}`, { credentials: 'include' })
        .then((r) => r.json())
        .then(onResponse);
    } else {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', `${options.endpoint}${query}`);
      xhr.onload = () => onResponse(JSON.parse(xhr.responseText));
      xhr.send();
    }
  };
  // Soft navigation to another item, as the page's recommendation links do: new URL, new pdp query.
  w.__e2eOpenItem = (productId: string) => {
    history.pushState({}, '', `/item/${productId}.html`);
    document.querySelector('[data-sku-row]')?.parentElement?.remove();
    load(productId);
  };
  load(options.productId);
}
