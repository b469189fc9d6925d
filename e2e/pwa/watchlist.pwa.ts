import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { PRODUCT, UNSEEN_PRODUCT } from './seed.ts';

async function watch(page: Page, productId: string, target: string): Promise<void> {
  await page.goto(`/p/${productId}`);
  await page.getByLabel(/Alert me at or below/).fill(target);
  await page.getByRole('button', { name: 'Watch' }).click();
  await expect(page.getByText('Saved to your watchlist.')).toBeVisible();
}

/** A real touch swipe (CDP touch events → pointer events of type "touch"). */
async function swipeLeft(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const y = box.y + box.height / 2;
  const startX = box.x + box.width - 20;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: startX, y }] });
  for (let step = 1; step <= 10; step++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: startX - step * 25, y }],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

test('watchlist: add with a target, swipe to delete, undo', async ({ page, shot }) => {
  await watch(page, PRODUCT, '15');
  await watch(page, UNSEEN_PRODUCT, '9.50');
  await page.goto('/');
  const items = page.getByTestId('watch-item');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: `Product ${PRODUCT}` })).toContainText('at or below your target');
  await expect(items.filter({ hasText: `Product ${UNSEEN_PRODUCT}` })).toContainText(
    'No community prices yet',
  );
  await expect(items.filter({ hasText: `Product ${UNSEEN_PRODUCT}` })).toContainText('Target $9.50');
  await shot('watchlist');

  const first = items.filter({ hasText: `Product ${PRODUCT}` });
  await swipeLeft(page, (await first.boundingBox())!);
  await expect(items).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: `Removed product ${PRODUCT}` })).toBeVisible();
  await shot('watchlist-undo');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(items).toHaveCount(2);

  // Keyboard and screen-reader users remove with the labelled button.
  await page.getByRole('button', { name: `Remove Product ${UNSEEN_PRODUCT} from the watchlist` }).click();
  await expect(items).toHaveCount(1);
  await page.reload();
  await expect(items).toHaveCount(1);
});

test('every control has an accessible name and a touch target of at least 44 px', async ({ page }) => {
  await watch(page, PRODUCT, '20');
  for (const path of ['/', `/p/${PRODUCT}`, '/pair']) {
    await page.goto(path);
    await expect(page.getByRole('button').first()).toBeVisible();
    const problems = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const labelled =
          el.getAttribute('aria-label') ||
          (el.id && document.querySelector(`label[for="${el.id}"]`)) ||
          (el.textContent ?? '').trim();
        if (!labelled) out.push(`unnamed ${el.outerHTML.slice(0, 80)}`);
        if (r.height < 44 || r.width < 44)
          out.push(`small ${Math.round(r.width)}x${Math.round(r.height)} ${el.outerHTML.slice(0, 80)}`);
      }
      return out;
    });
    expect(problems, path).toEqual([]);
  }
});
