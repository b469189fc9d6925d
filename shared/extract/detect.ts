/**
 * Pages that must store nothing: AliExpress' anti-bot "punish" captcha (served at the product URL, or as an
 * mtop response asking for validation) and missing items. Also the layout fingerprint for pages not understood.
 */

/**
 * Markers of the captcha page itself (x5sec "punish"). Not the anti-bot SDK names (baxia, AWSC): product pages
 * load those too, and a product page must never read as blocked.
 */
const PUNISH_HTML =
  /<punish-component|_____tmd_____|\/punish\?x5secdata|sufei-punish|<title>\s*Captcha Interception/i;
const PUNISH_URL = /_____tmd_____|\/punish(?:[/?]|$)|x5secdata=/i;
/** mtop answers to a bot: validate (captcha) or "RGV587" (blocked). */
const PUNISH_RET = /FAIL_SYS_USER_VALIDATE|RGV587_ERROR|FAIL_SYS_ILLEGAL_ACCESS/;

export function blockedReason(html: string, url: string | null, payloads: string[]): string | null {
  if (url && PUNISH_URL.test(url)) return 'anti-bot captcha (punish) URL';
  if (html) {
    // The captcha page names its punish scripts in <head>; product pages are scanned no further than that.
    const head = html.slice(0, 30_000);
    // indexOf first: a regex alternation over every product page costs more than the whole JSON parse.
    if (
      (head.includes('punish') || head.includes('_____tmd_____') || head.includes('Captcha')) &&
      PUNISH_HTML.test(head)
    ) {
      return 'anti-bot captcha (punish) page';
    }
  }
  for (const p of payloads) if (PUNISH_RET.test(p.slice(0, 2000))) return 'mtop asks for anti-bot validation';
  return null;
}

const MISSING_URL = /\/(?:error\/|404(?:\.html)?(?:[?#]|$))|\/p\/error|notfound/i;
const MISSING_TITLE =
  /<title>[^<]*(?:404|page not found|página no encontrada|page introuvable|seite nicht gefunden)[^<]*<\/title>/i;
const MISSING_RET = /ITEM_NOT_FOUND|ITEM_OFFLINE|NOT_EXIST|ITEM_DELETED/i;

export function notFoundReason(html: string, url: string | null, payloads: string[]): string | null {
  if (url && MISSING_URL.test(url)) return 'error/404 URL';
  if (html && MISSING_TITLE.test(html.slice(0, 100_000))) return 'not-found page title';
  for (const p of payloads) {
    const ret = /"ret"\s*:\s*\[([^\]]*)\]/.exec(p.slice(0, 4000));
    if (ret && MISSING_RET.test(ret[1] ?? '')) return 'mtop says the item does not exist';
  }
  return null;
}

/** Client-rendered "newDetail" pages (mid-2024 →): `_d_c_.isCSR = true`, empty runParams, no price in HTML. */
export function isClientRendered(html: string): boolean {
  return /_d_c_\.isCSR\s*=\s*true|_d_c_\.viewName\s*=\s*['"]newDetail/.test(html);
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * A short description of a page's layout so QA can group the pages a new AliExpress generation breaks:
 * which known globals and blocks it has, plus a hash of its script globals' names.
 */
export function fingerprint(html: string, payloads: string[]): string {
  const marks: string[] = [];
  if (html) {
    const head = html.slice(0, 600_000);
    const has = (re: RegExp, mark: string) => re.test(head) && marks.push(mark);
    has(/runParams\s*=\s*\{\s*\}/, 'rp:empty');
    has(/runParams\s*=\s*\{\s*\S/, 'rp');
    has(/_init_data_/, 'dida');
    has(/_d_c_/, 'dc');
    has(/application\/ld\+json/, 'ld');
    has(/og:title/, 'og');
    const globals = [...new Set(head.match(/window\.[A-Za-z_$][\w$]*(?=\s*=)/g) ?? [])].sort();
    marks.push(`g${globals.length}#${fnv1a(globals.join(','))}`);
  }
  for (const p of payloads.slice(0, 3)) {
    const keys = (p.slice(0, 20_000).match(/"[A-Za-z_$][\w$]*"\s*:/g) ?? []).slice(0, 20).join('');
    marks.push(`json#${fnv1a(keys)}`);
  }
  return marks.join(' ').slice(0, 120) || 'empty';
}
