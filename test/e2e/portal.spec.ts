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
    await expect(page.getByText('Data held')).toBeVisible();
    await expect(page.getByText('personal.behavioral', { exact: false })).toBeVisible();
    await expect(
      page.getByText('No incident has been opened for this entity.'),
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
    await expect(page.getByText('No incidents have been opened.')).toBeVisible();
  });
});
