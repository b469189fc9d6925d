import type { Page } from '@playwright/test';
import { startPwa } from '../../pwa/serve.ts';
import type { Dictionary, Language, MessageKey } from '../../pwa/src/i18n.ts';
import { de } from '../../pwa/src/locales/de.ts';
import { en } from '../../pwa/src/locales/en.ts';
import { es } from '../../pwa/src/locales/es.ts';
import { fr } from '../../pwa/src/locales/fr.ts';
import { pt } from '../../pwa/src/locales/pt.ts';
import { expect, test, waitForController } from './fixtures.ts';
import { PRODUCT } from './seed.ts';

/**
 * The PWA in the shopper's language: the browser's locale picks the dictionary, <html lang> follows it, and the
 * home page, a product page with community history (verdict, chart, buy-or-wait, watch form) and the watchlist
 * show no English where the language has its own words, no raw key and no unfilled placeholder — online, and
 * offline from the service worker's precache (the dictionary is a chunk of its own).
 */

const LOCALES: Record<Exclude<Language, 'en'>, { tag: string; words: Dictionary }> = {
  es: { tag: 'es-ES', words: es },
  pt: { tag: 'pt-BR', words: pt },
  fr: { tag: 'fr-FR', words: fr },
  de: { tag: 'de-DE', words: de },
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `fragment` as words of `text`: "Low" in "Lowest" or "Median" in "Medianpreis" is not a hit. */
const hasWords = (text: string, fragment: string) =>
  new RegExp(`(?<!\\p{L})${escapeRegExp(fragment)}(?!\\p{L})`, 'u').test(text);

/** Raw keys, unfilled placeholders, and English phrases shown where this language has its own words. */
function untranslated(text: string, words: Dictionary): string[] {
  const found = Object.keys(en)
    .filter((key) => text.includes(key))
    .map((key) => `raw key ${key}`);
  for (const placeholder of text.match(/\{\w+\}/g) ?? []) found.push(`unfilled ${placeholder}`);
  const ownText = Object.values(words).join('\n');
  for (const [key, english] of Object.entries(en) as [MessageKey, string][]) {
    if (words[key] === english) continue;
    for (const fragment of english.split(/\{\w+\}/).map((f) => f.trim())) {
      // A fragment this language uses itself (a name such as "AUC") is no sign of English left over.
      if (!/\p{L}{3}/u.test(fragment) || hasWords(ownText, fragment)) continue;
      if (hasWords(text, fragment)) found.push(`${key}: “${fragment}”`);
    }
  }
  return found;
}

/**
 * What the shopper can read or hear: the rendered text (innerText keeps neighbouring cells apart), all text
 * nodes (screen-reader-only and hidden text too) and labels.
 */
const readable = (page: Page) =>
  page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')].flatMap((e) =>
      ['aria-label', 'placeholder', 'title', 'alt'].map((a) => e.getAttribute(a) ?? ''),
    );
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is wanted, with its line breaks.
    return [document.body.innerText, document.body.textContent ?? '', ...attrs].join('\n');
  });

async function expectTranslated(page: Page, tag: string, words: Dictionary): Promise<void> {
  // Soft: every page of the walk is checked and reported, not only the first with a problem.
  expect.soft(await page.evaluate(() => document.documentElement.lang)).toBe(tag);
  expect.soft(untranslated(await readable(page), words), page.url()).toEqual([]);
}

for (const [language, { tag, words }] of Object.entries(LOCALES)) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: tag });

    test(`home, product page and watchlist show the ${language} text, also offline`, async ({
      context,
      page,
      servers,
      shot,
    }) => {
      // A server of its own, stopped below, as in offline.pwa.ts: offline must not depend on emulation alone.
      const money = (amount: number) =>
        new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' }).format(amount);
      const pwa = await startPwa({ port: 0, apiUrl: servers.apiUrl });
      try {
        await page.goto(`${pwa.url}/`);
        expect(await page.evaluate(() => navigator.languages[0])).toBe(tag);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(words['home.title']);
        await waitForController(page);
        await expect(page.getByText(words['watchlist.nothingYet'])).toBeVisible();
        await expectTranslated(page, tag, words);

        await page.goto(`${pwa.url}/p/${PRODUCT}`);
        await expect(page.getByTestId('stats')).toContainText(money(14.99));
        await expect(page.getByText(words['product.allTimeLow'])).toBeVisible();
        await expect(page.locator('#region option[value="DE"]')).toHaveText(
          new Intl.DisplayNames(tag, { type: 'region' }).of('DE')!,
        );
        await expect(page.getByTestId('prediction')).toHaveAttribute('data-kind', 'prediction', {
          timeout: 30_000,
        });
        await expect(page.getByText(words['prediction.record'])).toBeVisible();
        await page.getByLabel(words['watch.alertAt'].replace('{currency}', 'USD')).fill('15');
        await page.getByRole('button', { name: words['watch.watch'] }).click();
        await expect(page.getByText(words['watch.saved'])).toBeVisible();
        // The saved target comes back with this language's decimal mark.
        await expect(page.locator('#target')).toHaveValue(
          new Intl.NumberFormat(tag, { minimumFractionDigits: 2 }).format(15),
        );
        await expectTranslated(page, tag, words);
        await shot(`locale-${language}-product`);

        await page.getByRole('link', { name: words['app.homeLabel'] }).click();
        await expect(page.getByTestId('watch-item')).toContainText(words['watchlist.atTarget']);
        await expectTranslated(page, tag, words);
      } finally {
        await pwa.close();
      }

      await context.setOffline(true);
      await page.reload();
      await expect(page.getByText(words['app.offline'])).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(words['home.title']);
      await expect(page.getByTestId('watch-item')).toContainText(money(14.99));
      await expectTranslated(page, tag, words);
      await shot(`locale-${language}-offline-home`);
    });
  });
}
