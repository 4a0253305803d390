import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

const backend = 'http://localhost:7007';
// examples/llm-resources.yaml
const ENTITY = 'product-reviews-2025';

test.describe('self-service: search', () => {
  test('finds an incident by its entity name and opens it', async ({
    page,
  }) => {
    // indexing runs every minute locally (search.collators.leakResponse)
    test.setTimeout(240_000);
    await signInAsGuest(page);
    const auth = await (
      await page.request.get(`${backend}/api/auth/guest/refresh`)
    ).json();
    const title = `Review texts in a public bucket ${Date.now()}`;
    const launched = await page.request.post(
      `${backend}/api/leak-response/v1/incidents`,
      {
        headers: { Authorization: `Bearer ${auth.backstageIdentity.token}` },
        data: {
          entityRef: `resource:default/${ENTITY}`,
          leakType: 'training-data-exposure',
          exercise: true,
          title,
        },
      },
    );
    expect(launched.status()).toBe(201);
    const { id } = await launched.json();

    const result = page.getByRole('link', { name: title });
    await expect(async () => {
      await page.goto(
        `/search?query=${ENTITY}&types%5B%5D=leak-response-incident`,
      );
      await expect(result).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 180_000, intervals: [5_000] });
    await saveScreenshot(page, 'search-incident');

    await result.click();
    await expect(page).toHaveURL(new RegExp(`/leak-response/incidents/${id}$`));
    // the incident page (titled by its entity and leak type) leads with
    // what to do next
    await expect(
      page.getByRole('region', { name: 'Next actions' }),
    ).toBeVisible();
  });
});
