import type { BrowserContext } from '@playwright/test';
import { fixtureText, PAGES } from './pages.ts';

/**
 * Today's product page as the live site assembles it, from two real pieces: the client-rendered server HTML
 * (no price in it) and the real `mtop.aliexpress.pdp.pc.query` response.
 *
 * The server HTML's own inline mtop library really runs here: it prefetches the pdp query as JSONP
 * (`dataType: 'originaljsonp'`, `callback=mtopjsonpN`) and resolves `__INIT_DATA_CALLBACK__` with it. The
 * page's rendering bundle lives on a CDN (blocked), so a small script constructed for the test stands in for
 * it: it takes the pdp result the way the bundle does (the prefetch promise — or, to cover the other ways
 * pages have delivered it, a fetch, an XHR, or nothing but page memory), keeps it in
 * `_d_c_.lifeCycleEventList[0].data`, renders the variants as `[data-sku-col]` options and, on a click,
 * moves the `sku-item--selected--<hash>` class: the page's own SKU switch.
 */

export type Transport = 'jsonp' | 'fetch' | 'xhr' | 'memory';

export const PDP_ENDPOINT = 'https://acs.aliexpress.com/h5/mtop.aliexpress.pdp.pc.query/1.0/';

export function pdpResponseText(): string {
  return fixtureText(PAGES.pdp);
}

export interface TodayPage {
  url: string;
  html: string;
}

export function todayPage(
  transport: Transport,
  productId = '1005012410104961',
  pdpText = pdpResponseText(),
): TodayPage {
  const url = `https://id.aliexpress.com/item/${productId}.html`;
  const server = fixtureText(PAGES.csr);
  const options: BundleOptions = {
    transport,
    endpoint: PDP_ENDPOINT,
    productId,
    memory: transport === 'memory' ? pdpText : null,
  };
  const script = `<script>(${pageBundle.toString()})(${JSON.stringify(options)});</script>`;
  return {
    url,
    html: server.includes('</body>') ? server.replace('</body>', `${script}</body>`) : server + script,
  };
}

/**
 * Serves the pdp endpoint for one transport only, so each test proves its own capture path: JSONP requests
 * (they carry `callback=`) get `callback(<response>)`, plain requests get the JSON; the other kind is refused.
 * `bodyFor` picks the response text by request URL (a soft navigation asks for another product).
 */
export async function routePdp(
  context: BrowserContext,
  transport: Transport,
  bodyFor: (url: string) => string = () => pdpResponseText(),
): Promise<void> {
  await context.route(
    (url) => url.href.startsWith(PDP_ENDPOINT),
    (route) => {
      const url = route.request().url();
      const callback = /[?&]callback=([\w$]+)/.exec(url)?.[1];
      if (callback && transport === 'jsonp') {
        return route.fulfill({ contentType: 'application/javascript', body: `${callback}(${bodyFor(url)})` });
      }
      if (!callback && (transport === 'fetch' || transport === 'xhr')) {
        return route.fulfill({ contentType: 'application/json', body: bodyFor(url) });
      }
      return route.abort('blockedbyclient');
    },
  );
}

interface BundleOptions {
  transport: Transport;
  endpoint: string;
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

/** Runs in the page (serialised with toString): plain browser code only, no imports, no outer names. */
function pageBundle(options: BundleOptions): void {
  const w = window as unknown as Record<string, unknown> & {
    _d_c_?: { lifeCycleEventList?: unknown[] };
    __INIT_DATA_CALLBACK__?: (resolve: (value: unknown) => void, reject: (error: unknown) => void) => void;
  };
  const render = (result: PdpResult) => {
    w._d_c_ = w._d_c_ || {};
    w._d_c_.lifeCycleEventList = [{ data: result }];
    document.querySelector('.sku--wrap--xgoW06M')?.remove();
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
  const onResponse = (response: unknown) => render((response as { data: { result: PdpResult } }).data.result);
  let jsonpCount = 0;
  const request = (productId: string) => {
    const url = `${options.endpoint}?jsv=2.5.1&appKey=12574478&t=${Date.now()}&api=mtop.aliexpress.pdp.pc.query&v=1.0&data=${encodeURIComponent(JSON.stringify({ productId }))}`;
    if (options.transport === 'jsonp') {
      const callback = `mtopjsonp${100 + ++jsonpCount}`;
      w[callback] = onResponse;
      const script = document.createElement('script');
      script.src = `${url}&type=originaljsonp&dataType=originaljsonp&callback=${callback}`;
      document.head.appendChild(script);
    } else if (options.transport === 'fetch') {
      fetch(url, { credentials: 'include' })
        .then((r) => r.json())
        .then(onResponse);
    } else if (options.transport === 'xhr') {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', url);
      xhr.onload = () => onResponse(JSON.parse(xhr.responseText));
      xhr.send();
    }
  };

  if (options.transport === 'memory') onResponse(JSON.parse(options.memory as string));
  // Like the live bundle: take the server HTML's own JSONP prefetch result.
  else if (options.transport === 'jsonp' && w.__INIT_DATA_CALLBACK__)
    new Promise(w.__INIT_DATA_CALLBACK__).then(onResponse);
  else request(options.productId);

  // Soft navigation to another item, as the page's recommendation links do: new URL, new pdp query.
  w.__e2eOpenItem = (productId: string) => {
    history.pushState({}, '', `/item/${productId}.html`);
    document.querySelector('.sku--wrap--xgoW06M')?.remove();
    request(productId);
  };
}
