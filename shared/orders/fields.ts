/**
 * Field readers shared by the order, order-detail and tracking readers. The order APIs are undocumented and
 * their fields change type between endpoints (an order id is a string in the list and a number in the detail,
 * quantities come as "1" or 1): every reader here takes `unknown` and answers null rather than throwing.
 */
import { currencyExponent, isCurrencyCode, parseMoney } from '../money.ts';
import type { OrderStatus } from './types.ts';

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function rec(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Trimmed, whitespace-collapsed text (numbers as their decimal form); null when empty or not text. */
export function text(v: unknown, max = 2000): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.replace(/[\s\u00a0]+/g, ' ').trim();
  return t && t.length <= max ? t : null;
}

/** An id as an exact digit string. Numbers beyond 2^53 were rounded before they got here: refused. */
export function idOf(v: unknown): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : null;
  const t = text(v, 40);
  return t && /^\d{1,24}$/.test(t) ? t : null;
}

export function countOf(v: unknown): number | null {
  const t = text(v, 12);
  if (!t) return null;
  const m = /^[x×]?\s*(\d{1,6})$/i.exec(t);
  return m ? Number(m[1]) : null;
}

/** Epoch ms from a number (or digit string) that looks like one (2000–2100). */
export function epochMs(v: unknown): number | null {
  const n = typeof v === 'string' && /^\d{12,14}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 946_684_800_000 && n < 4_102_444_800_000
    ? n
    : null;
}

/**
 * An amount as the order pages give it: `formatPriceInfo` "R$126,59|126|59" (integer and fraction parts, the
 * exact form) first, else the display text ("$25.66", "€ 97,39") read with the order's currency as a hint.
 */
export function amountOf(
  formatPriceInfo: unknown,
  display: unknown,
  currency: string | null,
): { amount: number; currency: string } | null {
  const info = text(formatPriceInfo, 200);
  if (info && currency && isCurrencyCode(currency)) {
    const parts = info.split('|');
    const int = parts[1]?.replace(/\D/g, '');
    const frac = parts[2]?.replace(/\D/g, '') ?? '';
    if (parts.length === 3 && int && /^\d{0,4}$/.test(frac)) {
      const exp = currencyExponent(currency);
      const kept = (frac + '0'.repeat(exp)).slice(0, exp);
      const amount = Number(int) * 10 ** exp + (kept ? Number(kept) : 0);
      if (Number.isSafeInteger(amount)) return { amount, currency };
    }
  }
  for (const t of [display, info?.split('|')[0]]) {
    const s = text(t, 200);
    const parsed = s ? parseMoney(s, { currency }) : null;
    if (parsed) return parsed;
  }
  return null;
}

const MONTHS: Record<string, number> = {};
// English, Spanish, Portuguese, French, German, Italian, Dutch, Polish, Turkish month names and abbreviations
// (the first three letters of each decide), as the order pages print them in those locales.
for (const [i, names] of [
  'jan ene janv gen sty oca',
  'feb fev fév févr lut şub sub',
  'mar mär maa',
  'apr abr avr kwi nis',
  'may mai mag mei maj',
  'jun jui giu cze haz',
  'jul juil lug lip tem',
  'aug ago aoû sie ağu agu',
  'sep set wrz eyl',
  'oct out okt ott paź paz eki',
  'nov lis kas',
  'dec dic dez déc dek gru ara',
].entries()) {
  for (const n of names.split(' ')) MONTHS[n] = i;
}
const monthOf = (word: string): number | undefined => {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS[w.slice(0, 4)] ?? MONTHS[w.slice(0, 3)];
};

function utcDay(year: number, month: number, day: number): number | null {
  if (year < 2000 || year > 2100 || month < 0 || month > 11 || day < 1 || day > 31) return null;
  const t = Date.UTC(year, month, day);
  return new Date(t).getUTCDate() === day ? t : null;
}

/**
 * A calendar date as the pages print it ("Sep 13, 2026", "13 sep. 2026", "2026-09-13", "13.09.2026",
 * "13 de septiembre de 2026") → epoch ms of that day's 00:00 UTC. Order pages give dates without a time zone;
 * day precision is all the countdowns need. Null when the text holds no unambiguous date.
 */
export function dateOf(v: unknown): number | null {
  const t = text(v, 200);
  if (!t) return null;
  let m = /(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})/.exec(t);
  if (m) return utcDay(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  m = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/.exec(t);
  // Day-first: the dotted numeric form is European (a US page writes month names).
  if (m) return utcDay(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  m = /([A-Za-zÀ-ÿğüşıöçźż]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/.exec(t);
  if (m) {
    const month = monthOf(m[1]!);
    if (month !== undefined) return utcDay(Number(m[3]), month, Number(m[2]));
  }
  m = /(\d{1,2})\.?\s+(?:de\s+)?([A-Za-zÀ-ÿğüşıöçźż]{3,})\.?,?\s+(?:de\s+)?(\d{4})/.exec(t);
  if (m) {
    const month = monthOf(m[2]!);
    if (month !== undefined) return utcDay(Number(m[3]), month, Number(m[1]));
  }
  return null;
}

/**
 * Buyer protection as the tracking page words it ("Refund if no delivery before Oct 15, 2026") or a status
 * block does ("Buyer protection ends on …"): the date in a text that talks about refunds or protection.
 */
export function protectionDateOf(v: unknown): number | null {
  const t = text(v, 500);
  if (!t || !/refund|protec|reembols|rembours|erstatt|rimbors|возврат|zwrot|iade/i.test(t)) return null;
  if (/coupon|cupón|cupom/i.test(t)) return null;
  return dateOf(t);
}

/** `utParams.args.orderStatus` codes seen on the order list (8 = awaiting delivery, 9 = completed). */
const STATUS_CODES: Record<string, OrderStatus> = { '8': 'shipped', '9': 'completed' };

export function statusOfCode(v: unknown): OrderStatus | null {
  const t = text(v, 10);
  return t ? (STATUS_CODES[t] ?? null) : null;
}

/** The page's status words, in the languages the storefronts use most, → one vocabulary. Order matters. */
const STATUS_WORDS: [OrderStatus, RegExp][] = [
  ['cancelled', /cancel|closed|cerrad|fechad|annul|storn|abgebrochen|отмен|закрыт|anulowan|iptal/i],
  [
    'awaiting-payment',
    /awaiting payment|to pay|unpaid|pendiente de pago|aguardando pagamento|en attente de paiement|zahlung ausstehend|ожида\S* оплат/i,
  ],
  ['completed', /complet|finaliz|conclu|termin|abgeschlossen|завершен|zakończon|tamamlan|finished/i],
  [
    'delivered',
    /\bdelivered|entregad|entregue|livré|zugestellt|consegnat|доставлен|dostarczon|teslim edildi/i,
  ],
  [
    'shipped',
    /awaiting delivery|shipped|in transit|on the way|enviad|a caminho|en camino|expédi|versandt|versendet|spedit|отправлен|в пути|wysłan|kargoya/i,
  ],
  [
    'processing',
    /awaiting shipment|to ship|processing|preparing|pendiente de envío|aguardando envio|en préparation|in bearbeitung|ожида\S* отправ|обрабатыва|w realizacji|hazırlan/i,
  ],
];

export function statusOfText(v: unknown): OrderStatus | null {
  const t = text(v, 200);
  if (!t) return null;
  for (const [status, re] of STATUS_WORDS) if (re.test(t)) return status;
  return null;
}

/** A tracking event that says the parcel reached the shopper (by code first: the description is translated). */
export function isDeliveryEvent(e: {
  code: string | null;
  title: string | null;
  description: string | null;
}) {
  if (e.code && /SIGNED|DELIVERED|_HO_SUCCESS$/i.test(e.code)) return true;
  const words = `${e.title ?? ''} ${e.description ?? ''}`;
  return !/out for delivery|en reparto|saiu para entrega/i.test(words) && STATUS_WORDS[3]![1].test(words);
}

/** `?orderId=` / `?tradeOrderId=` of an order detail or tracking page URL. */
export function orderIdOfUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const params = new URL(url).searchParams;
    return idOf(params.get('tradeOrderId') ?? params.get('orderId'));
  } catch {
    return null;
  }
}

/** Protocol-relative image and item links ("//ae-pic-a1…") → https; anything but http(s) → null. */
export function httpsUrl(v: unknown): string | null {
  const t = text(v, 2000);
  if (!t) return null;
  try {
    const u = new URL(t.startsWith('//') ? `https:${t}` : t);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A currency field ("USD") → the code, or null. */
export function isCurrencyCodeText(v: unknown): string | null {
  const t = text(v, 3);
  return t && isCurrencyCode(t) ? t : null;
}
