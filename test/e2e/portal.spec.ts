import { expect, Page, test } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  // the guest provider asks once per browser profile
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
  await expect(page.getByText('Shopwise Catalog')).toBeVisible();
}

test.describe('the Leak Response portal', () => {
  test('serves the example catalog to a guest', async ({ page }) => {
    await signInAsGuest(page);
    await page.goto('/catalog?filters[kind]=resource');
    await expect(
      page.getByRole('link', { name: 'Recommendations LLM v3' }),
    ).toBeVisible();
  });

  test('shows the Leak Response tab on an LLM model', async ({ page }) => {
    await signInAsGuest(page);
    await page.goto('/catalog/default/resource/recsys-llm-v3');
    await expect(
      page.getByRole('heading', { name: 'Recommendations LLM v3' }),
    ).toBeVisible();
    await page.getByRole('tab', { name: 'Leak Response' }).click();
    const dataCard = page.locator('article', { hasText: 'Data held' });
    await expect(
      dataCard.getByText('personal.behavioral', { exact: true }),
    ).toBeVisible();
    // the plan has loaded: obligations "if this leaked now" and the RACI
    await expect(page.getByText('If this leaked now')).toBeVisible();
    await expect(
      page.getByText(/obligation\(s\) would start/).first(),
    ).toBeVisible();
  });

  test('shows the lineage graph and the data card of an LLM model', async ({ page }) => {
    await signInAsGuest(page);
    await page.goto('/catalog/default/resource/recsys-llm-v3');
    const lineage = page.locator('article', { hasText: 'Lineage' });
    await expect(lineage.getByText('Lineage')).toBeVisible();
    // nodes of the training data, the base model and the serving endpoint
    for (const node of [
      /clickstream-2025q3|Clickstream 2025 Q3/,
      /base-llm-7b|Base LLM 7B/,
      /recsys-endpoint-eu|Recommendations endpoint \(EU\)/,
    ]) {
      await expect(lineage.locator('svg').getByText(node).first()).toBeVisible();
    }
    const dataCard = page.locator('article', { hasText: 'Data held' });
    await expect(dataCard.getByText('personal.behavioral')).toBeVisible();
    await expect(dataCard.getByText('eu-west-1').first()).toBeVisible();
  });

  test('has a Leak Response page in the sidebar', async ({ page }) => {
    await signInAsGuest(page);
    await page.getByRole('link', { name: 'Leak Response' }).first().click();
    await expect(page.getByRole('heading', { name: 'Leak Response' })).toBeVisible();
    await expect(page.getByText('No open incidents.')).toBeVisible();
  });

  // Runs last: it opens an incident, which the checks above assume absent.
  test('launches an exercise from the Leak Response tab and lands on the incident', async ({ page }) => {
    await signInAsGuest(page);
    await page.goto('/catalog/default/resource/recsys-llm-v3/leak-response');
    await expect(page.getByRole('table', { name: 'RACI matrix' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'On call' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Affected entities' })).toBeVisible();

    await page.getByRole('button', { name: 'Launch playbook' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('Obligations this launch will start')).toBeVisible();
    await dialog.getByLabel(/^Exercise/).check();
    await dialog
      .getByRole('textbox', { name: 'Summary' })
      .fill('Tabletop drill from the end-to-end suite');
    await dialog.getByRole('button', { name: 'Launch exercise' }).click();

    await expect(page).toHaveURL(/\/leak-response\/incidents\/[^/]+$/);
    await expect(page.getByText('This is an exercise', { exact: false })).toBeVisible();
    await expect(page.getByText('Obligations and clocks')).toBeVisible();
    await expect(page.getByText('Tabletop drill from the end-to-end suite')).toBeVisible();
    await test.info().attach('incident-page', {
      body: await page.screenshot({ fullPage: true }),
      contentType: 'image/png',
    });
  });
});
