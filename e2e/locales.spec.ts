import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DICTIONARIES, type Language, type MessageKey } from '../extension/ui/i18n.ts';
import { seriousViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { seedProducts } from './seed.ts';

/**
 * Issue 9: the popup, the dashboard and the options page in each of the five languages, chosen the way a shopper
 * chooses it — the browser's UI language — and checked for catalogue keys shown raw, English left where a
 * translation exists, and axe-core findings. One screenshot per language and page in e2e/artifacts/.
 */

const artifacts = join(import.meta.dirname, 'artifacts');
const en: Record<string, string> = DICTIONARIES.en;
/** The browser language each run uses: a regional tag where money and dates differ from the bare language. */
const BROWSER_LANGUAGE: Record<Language, string> = { en: 'en-US', es: 'es', pt: 'pt-BR', fr: 'fr', de: 'de' };
const PRODUCT = '1005003333333333';

/** Every catalogue key shown as is, and every English phrase shown where this language has its own words. */
function untranslated(text: string, language: Language): string[] {
  const own: Record<string, string> = DICTIONARIES[language];
  const found = Object.keys(en).filter((key) => text.includes(key));
  if (language === 'en') return found;
  for (const [key, english] of Object.entries(en)) {
    if (own[key] === english) continue;
    for (const fragment of english.split(/\{\w+\}/).map((f) => f.trim())) {
      // Short fragments ("Wait —", "Sale") could be anyone's words; a translation may keep a name.
      if (fragment.length < 8 || !/\p{L}{3}/u.test(fragment) || own[key]!.includes(fragment)) continue;
      if (text.includes(fragment)) found.push(`${key}: “${fragment}”`);
    }
  }
  return found;
}

/** What the shopper can read or hear: the page text (closed <details> included), labels and the title. */
const readable = (page: Page) =>
  page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')].flatMap((e) =>
      ['aria-label', 'placeholder', 'title', 'alt'].map((a) => e.getAttribute(a) ?? ''),
    );
    return [document.title, document.body.textContent ?? '', ...attrs].join('\n');
  });

for (const language of Object.keys(BROWSER_LANGUAGE) as Language[]) {
  test.describe(`in ${language}`, () => {
    // The browser's UI language, and the same for pages: Playwright Test otherwise emulates en-US in every page
    // of every context it sees, even one launched by hand.
    test.use({ uiLanguage: BROWSER_LANGUAGE[language], locale: BROWSER_LANGUAGE[language] });

    test(`popup, dashboard and options render in ${language} with every string translated`, async ({
      context,
      serviceWorker,
      extensionId,
      visitProductPage,
    }) => {
      const words = (key: MessageKey) => DICTIONARIES[language][key];
      const ui = await serviceWorker.evaluate(() =>
        (
          globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }
        ).chrome.i18n.getUILanguage(),
      );
      // Chromium on Linux falls back to English without its translations (Debian: apt-get install chromium-l10n).
      expect(ui.split('-')[0], `Chromium's UI language (is chromium-l10n installed?)`).toBe(language);

      // The manifest's name and description come from public/_locales/ in the same language.
      const self = await serviceWorker.evaluate(() =>
        (
          globalThis as unknown as { chrome: { management: { getSelf(): Promise<{ description: string }> } } }
        ).chrome.management.getSelf(),
      );
      const messages = JSON.parse(
        readFileSync(join(import.meta.dirname, `../public/_locales/${language}/messages.json`), 'utf8'),
      ) as Record<string, { message: string }>;
      expect(self.description).toBe(messages.extDescription!.message);

      const now = Date.now();
      await seedProducts(serviceWorker, [
        {
          id: PRODUCT,
          title: 'Desk lamp',
          currency: 'EUR',
          // 45 days, so the popup shows the model's answer, its reasons and record (not just "too little").
          prices: [
            ...Array.from({ length: 44 }, (_, k): [number, number] => [
              now - (45 - k) * 86_400_000,
              k < 34 ? 2500 : 2299,
            ]),
            [now - 3_600_000, 1999],
          ],
          reads: [now - 3_600_000],
        },
      ]);
      // A real page read too, so the Privacy centre's audit log holds a row the caching agent wrote itself.
      await (await visitProductPage()).close();
      const base = `chrome-extension://${extensionId}`;
      const product = encodeURIComponent(`https://www.aliexpress.com/item/${PRODUCT}.html`);
      // [name, url, a test id that shows the page has its data, words it must show, screenshot]
      const pages: [string, string, string, MessageKey, boolean][] = [
        ['popup', `${base}/popup.html?url=${product}`, 'prediction-record', 'price.lowest', true],
        [
          'popup-recent',
          `${base}/popup.html?url=${encodeURIComponent('https://www.aliexpress.com/')}`,
          'recent',
          'popup.recent',
          false,
        ],
        ['options', `${base}/options.html`, 'pair-phone', 'options.community', true],
        ['consent', `${base}/consent.html`, 'sharing', 'consent.title', false],
        ['watchlist-page', `${base}/watchlist.html`, 'watchlist', 'watchlistPage.orders', false],
        ['orders-page', `${base}/orders.html`, 'orders', 'orders.empty', false],
        ['dashboard', `${base}/dashboard.html#home`, 'for-you', 'home.forYou', true],
        ...(['watchlist', 'deals', 'orders', 'history', 'settings', 'privacy'] as const).map(
          (s): [string, string, string, MessageKey, boolean] => [
            `dashboard-${s}`,
            `${base}/dashboard.html#${s}`,
            `nav-${s}`,
            `nav.${s}`,
            false,
          ],
        ),
      ];

      mkdirSync(artifacts, { recursive: true });
      const page = await context.newPage();
      const problems: Record<string, string[]> = {};
      for (const [name, url, ready, mustShow, shot] of pages) {
        await page.goto(url);
        await expect(page.getByTestId(ready).first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expect(page.getByText(words('common.loading'))).toHaveCount(0);
        const text = await readable(page);
        const found = [
          ...untranslated(text, language),
          ...(text.includes(words(mustShow)) ? [] : [`does not show “${words(mustShow)}”`]),
          ...((await page.evaluate(() => document.documentElement.lang)).startsWith(language)
            ? []
            : ['<html lang> is not the language']),
          ...(await seriousViolations(page)),
        ];
        if (found.length) problems[name] = found;
        if (shot)
          await page.screenshot({ path: join(artifacts, `locale-${language}-${name}.png`), fullPage: true });
      }
      expect(problems).toEqual({});

      // The audit log's "why" column is in this language too (checked above for English left): every row here is
      // a page read, so each starts with this language's word for what triggered it.
      await page.goto(`${base}/dashboard.html#privacy`);
      // The seeded read and at least the real one.
      await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThanOrEqual(2);
      const triggers = (Object.keys(en) as MessageKey[])
        .filter((k) => k.startsWith('log.trigger.'))
        .map(words);
      for (const why of await page.getByTestId('audit-row').locator('td:nth-child(4)').allTextContents()) {
        expect(
          triggers.some((w) => why.startsWith(`${w}:`) || why.startsWith(`${w} :`)),
          why,
        ).toBe(true);
      }
    });
  });
}
