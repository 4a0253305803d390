import { expect, Locator, Page, test } from '@playwright/test';
import path from 'node:path';
import {
  choose,
  saveScreenshot,
  SCREENSHOTS_DIR,
  signInAsGuest,
} from './helpers';

// The screen a responder has at 3 am: a laptop, nothing scrolled.
test.use({ viewport: { width: 1440, height: 900 } });

/**
 * The words of `scope` that the browser broke across two lines. Each run
 * of letters between spaces, hyphens and slashes is measured on its own: a
 * word laid out on one line has one client rect, a word broken mid-way two.
 */
async function wordsBrokenMidWay(scope: Locator) {
  return scope.evaluate(root => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/[^\s\-/·,]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const lines = new Set(
          [...range.getClientRects()]
            .filter(r => r.width > 0)
            .map(r => Math.round(r.top)),
        );
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

/** Cells whose content overflows them (cut off rather than wrapped). */
async function overflowingCells(scope: Locator) {
  return scope.evaluate(root =>
    [...root.querySelectorAll('th, td')]
      .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
      .map(cell => cell.textContent ?? ''),
  );
}

async function launchIncident(page: Page, summary: string) {
  await page.goto('/catalog/default/resource/recsys-llm-v3/leak-response');
  await page.getByRole('button', { name: 'Launch playbook' }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByRole('group', { name: 'Obligation counts' }),
  ).toBeVisible();
  // Everything needed to launch fits a 900 px window, Launch included.
  const launch = dialog.getByRole('button', { name: 'Launch incident' });
  await expect(launch).toBeInViewport({ ratio: 1 });
  await page.screenshot({
    path: path.join(SCREENSHOTS_DIR, 'launch-dialog.png'),
    animations: 'disabled',
  });
  await dialog.getByRole('textbox', { name: 'Summary' }).fill(summary);
  await launch.click();
  await expect(page).toHaveURL(/\/leak-response\/incidents\/[^/]+$/);
}

test.describe('the first screen', () => {
  test('the launch dialog fits 900 px and the incident page leads with the next task and the nearest deadline that applies', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAsGuest(page);
    await launchIncident(
      page,
      'Weights of recsys-llm-v3 on a public file share (first-screen suite)',
    );
    // A risk to individuals makes GDPR Art. 33 apply: a clock that applies.
    await choose(page, /How likely is the breach/, 'risk');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(
      page.getByText('Assessment saved; obligations re-evaluated'),
    ).toBeHidden({ timeout: 15_000 });
    await page.reload();

    await expect(
      page.getByRole('heading', {
        level: 1,
        name: 'Recommendations LLM v3 — model weights exfiltrated',
      }),
    ).toBeInViewport({ timeout: 60_000 });
    const strip = page.getByRole('region', { name: 'Next actions' });
    const task = strip.getByRole('region', { name: 'Next task' });
    await expect(task.getByText('Cut the exfiltration path')).toBeInViewport();
    await expect(task.getByRole('link').first()).toBeInViewport();
    await expect(task.getByText(/ left$/)).toBeInViewport();
    const deadline = strip.getByRole('region', {
      name: 'Nearest deadline that applies',
    });
    await expect(deadline.getByText(/ left$/)).toBeInViewport();
    await expect(deadline).not.toContainText('No clock that applies');
    await expect(
      strip.getByRole('button', { name: 'Move to investigating' }),
    ).toBeInViewport();
    // The task list starts on the first screen, above the obligations.
    await expect(page.getByText('Tasks', { exact: true })).toBeInViewport();
    await page.screenshot({
      path: path.join(SCREENSHOTS_DIR, 'incident-first-screen.png'),
      animations: 'disabled',
    });
    await saveScreenshot(page, 'incident-page');
    expect(
      await wordsBrokenMidWay(
        page.getByRole('table', { name: 'Affected entities' }),
      ),
    ).toEqual([]);
  });

  test('closing with open items asks for confirmation and a reason, then shows the clocks stopped', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAsGuest(page);
    await launchIncident(
      page,
      'Closed at once: a false alarm (first-screen suite)',
    );
    const strip = page.getByRole('region', { name: 'Next actions' });
    await strip.getByRole('button', { name: 'Close incident' }).click();
    const dialog = page.getByRole('dialog');
    await expect(
      dialog.getByRole('list', { name: 'Open tasks' }),
    ).toContainText('Cut the exfiltration path');
    const confirm = dialog.getByRole('button', {
      name: 'Close with open items',
    });
    await expect(confirm).toBeDisabled();
    await dialog
      .getByRole('textbox', { name: 'Why close with open items' })
      .fill('False alarm: the file share held a decoy, nothing leaked');
    await confirm.click();
    await expect(
      page.getByText('Incident closed; clocks stopped'),
    ).toBeVisible();
    await expect(strip.getByText('clock stopped').first()).toBeVisible();
    await expect(
      strip.getByRole('button', { name: 'Reopen for investigation' }),
    ).toBeVisible();
    await expect(page.getByRole('list', { name: 'Timeline' })).toContainText(
      'False alarm: the file share held a decoy',
    );
  });

  test('no word of the RACI matrix or the assets table breaks mid-way', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAsGuest(page);
    await page.goto('/catalog/default/resource/recsys-llm-v3/leak-response');
    const raci = page.getByRole('table', { name: 'RACI matrix' });
    await expect(raci).toBeVisible();
    expect(await wordsBrokenMidWay(raci)).toEqual([]);
    expect(await overflowingCells(raci)).toEqual([]);
    await saveScreenshot(page, 'entity-tab');

    await page.goto('/leak-response/readiness');
    const assets = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Owner' }) });
    await expect(assets.getByRole('row').nth(1)).toBeVisible();
    expect(await wordsBrokenMidWay(assets)).toEqual([]);
    await saveScreenshot(page, 'readiness');
  });
});
