import { expect, Page, test } from '@playwright/test';
import { infoCard, saveScreenshot, signInAsGuest } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

/** The three counts of the first "Obligation counts" group inside `scope`. */
async function countsIn(scope: ReturnType<Page['locator']>) {
  const group = scope.getByRole('group', { name: 'Obligation counts' }).first();
  await expect(group).toBeVisible();
  return (await group.innerText()).replace(/\s+/g, ' ').trim();
}

test.describe('one answer everywhere', () => {
  test('the tab, the launch dialog and the incident page show the same obligation counts', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInAsGuest(page);
    await page.goto('/catalog/default/resource/recsys-llm-v3/leak-response');
    await expect(page.getByText('If this leaked now')).toBeVisible();
    const onTab = await countsIn(infoCard(page, 'If this leaked now'));
    expect(onTab).toMatch(
      /^\d+ (applies|apply) \d+ to be determined \d+ not applicable$/,
    );

    await page.getByRole('button', { name: 'Launch playbook' }).click();
    const dialog = page.getByRole('dialog');
    await expect(
      dialog.getByText('Obligations this launch will start'),
    ).toBeVisible();
    expect(await countsIn(dialog)).toBe(onTab);
    await dialog.getByLabel(/^Exercise/).check();
    await dialog
      .getByRole('textbox', { name: 'Summary' })
      .fill('Counts drill from the end-to-end suite');
    await dialog.getByRole('button', { name: 'Launch exercise' }).click();

    await expect(page).toHaveURL(/\/leak-response\/incidents\/[^/]+$/);
    const clocks = infoCard(page, 'Obligations and clocks');
    expect(await countsIn(clocks)).toBe(onTab);
    // the assessment asks only what can change an obligation of this incident
    const assessment = infoCard(page, 'Assessment');
    await expect(
      assessment.getByText(/cannot change any obligation of this incident/),
    ).toBeVisible();
    await expect(
      assessment.getByRole('button', { name: /Brazil|PIPEDA|Canada/ }),
    ).toHaveCount(0);
    await saveScreenshot(page, 'incident-assessment-relevant-questions');

    await page.goto('/leak-response/readiness');
    await expect(
      page.getByText(
        /answers every standing question|to settle \d+ obligations? across/,
      ),
    ).toBeVisible();
    await saveScreenshot(page, 'readiness-standing-questions');
  });
});
