/*
 * One system-test run: a work folder for logs and configs, a fresh database
 * prefix, the replicas started on it; everything is stopped and dropped in
 * `close()`, also after a failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Api } from './api';
import { BackendProcess, Person, SystemConfig } from './backendProcess';
import { dropDatabases, newDatabasePrefix } from './postgres';

export class SystemHarness {
  readonly workDir: string;
  readonly prefix: string;
  readonly token = `system-test-${randomBytes(12).toString('hex')}`;
  readonly ingressSecret = `ingress-${randomBytes(12).toString('hex')}`;
  readonly replicas: BackendProcess[] = [];

  constructor(kind: string) {
    this.prefix = newDatabasePrefix(kind);
    this.workDir = fs.mkdtempSync(
      path.join(os.tmpdir(), `leak-response-system-${kind}-`),
    );
  }

  replica(
    name: string,
    port: number,
    extra: Partial<SystemConfig> = {},
  ): BackendProcess {
    const replica = new BackendProcess(
      name,
      {
        port,
        databasePrefix: this.prefix,
        token: this.token,
        ingressSecret: this.ingressSecret,
        ...extra,
      },
      this.workDir,
    );
    this.replicas.push(replica);
    return replica;
  }

  api(replica: BackendProcess): Api {
    return new Api(replica.baseUrl, this.token, this.ingressSecret);
  }

  /**
   * The API as a signed-in user (SYSTEM_USER, through the guest sign-in):
   * changes other than launching refuse service credentials.
   */
  userApi(replica: BackendProcess): Promise<Api> {
    return this.signIn(replica, 'guest');
  }

  /**
   * The API as one of the PEOPLE, signed in through the real auth backend
   * (a Backstage token of that catalog user, with their groups).
   */
  personApi(replica: BackendProcess, person: Person): Promise<Api> {
    return this.signIn(replica, person);
  }

  private async signIn(replica: BackendProcess, provider: string) {
    const res = await fetch(`${replica.baseUrl}/api/auth/${provider}/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) {
      throw new Error(
        `${provider} sign-in answered ${res.status}: ${await res.text()}`,
      );
    }
    const session = (await res.json()) as {
      backstageIdentity: { token: string };
    };
    return new Api(
      replica.baseUrl,
      session.backstageIdentity.token,
      this.ingressSecret,
    );
  }

  /** Kills the replicas (or stops them, `graceful`), drops the databases. */
  async close(options: { graceful?: boolean } = {}): Promise<void> {
    await Promise.all(
      this.replicas.map(r => (options.graceful ? r.stop() : r.kill())),
    );
    await dropDatabases(this.prefix);
    if (process.env.SYSTEM_TEST_KEEP_LOGS !== '1') {
      fs.rmSync(this.workDir, { recursive: true, force: true });
    }
  }
}

/** Runs `task` over `items`, `width` at a time. */
export async function pool<T>(
  items: T[],
  width: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index], index);
      }
    }),
  );
}

/** Polls `check` until it returns a value, at most `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
