import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { choose, saveScreenshot, signInAsGuest } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

// examples/discovered-snapshot.yaml: what AWS discovery emits for an
// untagged bucket.
const UNCLASSIFIED = 'shopwise-raw-uploads-f00d1a1d1441';

test.describe('the readiness dashboard', () => {
  test('lists an unclassified resource from AWS discovery with its gaps', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page.getByRole('link', { name: 'Readiness' }).click();
    await expect(page).toHaveURL(/\/leak-response\/readiness$/);
    await expect(page.getByLabel(/^Readiness score \d+ of 100$/)).toBeVisible();
    await expect(
      page.getByRole('img', { name: 'Readiness score by system' }),
    ).toBeVisible();

    const row = page.getByRole('row').filter({ hasText: UNCLASSIFIED });
    await expect(row).toHaveCount(1);
    await expect(row.getByText('Unclassified (AWS discovery)')).toBeVisible();
    await expect(row.getByText('No data categories')).toBeVisible();
    await expect(row.getByText('No owner')).toBeVisible();

    // Its gap explains itself: the tags discovery did not find.
    await row.getByText('Unclassified (AWS discovery)').hover();
    await expect(
      page.getByRole('tooltip').getByText('missing tag llm:data-categories'),
    ).toBeVisible();
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'readiness');

    // Filtering by the gap leaves the discovered resources alone: the
    // untagged bucket and the eight of the discovered lineage snapshot.
    await choose(page, /^Gap Any or none$/, 'Unclassified (AWS discovery) (9)');
    await expect(
      page.getByRole('row').filter({ hasText: /llm-(model|dataset|endpoint)/ }),
    ).toHaveCount(9);
    await expect(row).toHaveCount(1);
  });

  test('exports the inventory as CSV', async ({ page }) => {
    await signInAsGuest(page);
    await page.goto('/leak-response/readiness');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export inventory (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^llm-inventory-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Entity,Title,Type,System,Owner,/);
    expect(
      lines.find(l => l.startsWith(`resource:default/${UNCLASSIFIED},`)),
    ).toContain('arn:aws:s3:::shopwise-raw-uploads');
    expect(
      lines.find(l => l.startsWith('resource:default/recsys-llm-v3,')),
    ).toContain('trainedOn: resource:default/clickstream-2025q3');
  });
});
