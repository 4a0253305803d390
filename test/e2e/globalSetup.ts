/*
 * Waits until the portal's catalog has ingested the example model, so the
 * tests see the catalog as a user would after start-up, not mid-ingestion.
 */
const backend = process.env.BACKEND_URL ?? 'http://localhost:7007';
const exampleModel = 'resource:default/recsys-llm-v3';

async function guestToken(): Promise<string> {
  const res = await fetch(`${backend}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

async function exampleModelIngested(token: string): Promise<boolean> {
  const res = await fetch(
    `${backend}/api/catalog/entities/by-name/resource/default/recsys-llm-v3`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  return res.ok;
}

export default async function globalSetup() {
  const deadline = Date.now() + 240_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await exampleModelIngested(await guestToken())) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(
    `the catalog did not ingest ${exampleModel} within 4 minutes (${lastError})`,
  );
}
