/**
 * Which variant the shopper has picked on today's product pages. Every option is rendered as
 * `<div data-sku-col="<skuPropertyId>-<propertyValueIdLong>" class="sku-item--selected--<hash> …">`; the
 * pdp query's `SKU.skuPaths[]` maps `"14:691;200007763:201441035"` to the variant's `skuIdStr`.
 * Class names are hashed per release: match the `sku-item--selected` prefix only.
 */

const SELECTED = /(?:^|\s)sku-item--selected/;

export function isSkuOption(node: Node): node is Element {
  return node.nodeType === 1 && (node as Element).hasAttribute('data-sku-col');
}

/** "prop:value" for every selected option, in page order; empty when the page shows no options. */
export function selectedSegments(root: ParentNode): string[] {
  const segments: string[] = [];
  for (const option of root.querySelectorAll('[data-sku-col]')) {
    if (!SELECTED.test(option.getAttribute('class') ?? '')) continue;
    const col = /^(\d+)-(\d+)$/.exec(option.getAttribute('data-sku-col') ?? '');
    if (col) segments.push(`${col[1]}:${col[2]}`);
  }
  return segments;
}

interface SkuPath {
  path?: unknown;
  skuIdStr?: unknown;
}

/** The variant whose path has exactly these segments, from the captured pdp responses (newest first). */
export function skuIdForSegments(payloads: readonly string[], segments: readonly string[]): string | null {
  if (segments.length === 0) return null;
  const wanted = [...segments].sort().join(';');
  for (let i = payloads.length - 1; i >= 0; i--) {
    for (const entry of skuPaths(payloads[i]!)) {
      if (typeof entry.path !== 'string' || typeof entry.skuIdStr !== 'string') continue;
      if (entry.path.split(';').sort().join(';') === wanted) return entry.skuIdStr;
    }
  }
  return null;
}

/** Hover styles also toggle option classes: keep the last few parses instead of re-parsing each time. */
const parsed = new Map<string, SkuPath[]>();

function skuPaths(text: string): SkuPath[] {
  let paths = parsed.get(text);
  if (!paths) {
    paths = parseSkuPaths(text);
    if (parsed.size >= 4) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, paths);
  }
  return paths;
}

function parseSkuPaths(text: string): SkuPath[] {
  try {
    // JSONP text arrives as `mtopjsonp1({...})`; skuIdStr is a string, so JSON.parse keeps it exact.
    const start = text.indexOf('{');
    const end = text.lastIndexOf('}');
    const json = JSON.parse(text.slice(start, end + 1)) as {
      data?: { result?: { SKU?: { skuPaths?: unknown } } };
    };
    const paths = json.data?.result?.SKU?.skuPaths;
    return Array.isArray(paths) ? (paths as SkuPath[]) : [];
  } catch {
    return [];
  }
}
