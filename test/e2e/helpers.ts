import { expect, Page } from '@playwright/test';
import path from 'node:path';

/** Where the run saves the screenshots the README and docs show. */
export const SCREENSHOTS_DIR = path.resolve(
  __dirname,
  '../../docs/screenshots',
);

export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  // the guest provider asks once per browser profile
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
  await expect(page.getByText('Shopwise Catalog')).toBeVisible({
    // the first load of the app's chunks is slow on a busy 2-core machine
    timeout: 60_000,
  });
}

/**
 * Saves a screenshot of the whole page to docs/screenshots/<name>.png once
 * it has stopped loading. Backstage scrolls inside its main element, not
 * the window, so a "full page" screenshot would stop at the viewport: the
 * viewport is stretched to the content's height for the shot instead.
 */
export async function saveScreenshot(page: Page, name: string) {
  // loading bars are indeterminate; a determinate one (task completion) stays
  await expect(
    page.locator('[role="progressbar"]:not([aria-valuenow])'),
  ).toHaveCount(0);
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const height = await page.evaluate(() =>
    Math.max(
      document.documentElement.clientHeight,
      ...Array.from(document.querySelectorAll('main, main *'))
        .filter(e => getComputedStyle(e).overflowY !== 'visible')
        .map(e => e.scrollHeight),
    ),
  );
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(height, 8000),
  });
  await page.waitForTimeout(300);
  await page.screenshot({
    path: path.join(SCREENSHOTS_DIR, `${name}.png`),
    animations: 'disabled',
  });
  await page.setViewportSize(viewport);
}

/**
 * The info card holding the text. Backstage's cards are Material UI cards
 * without a role of their own, so they are found by the card's class.
 */
export function infoCard(page: Page, text: string) {
  return page.locator('[class*="MuiCard-root"]', { hasText: text });
}

/** Picks an option of a Material UI select by its label. */
export async function choose(
  page: Page,
  label: RegExp | string,
  option: string,
) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
