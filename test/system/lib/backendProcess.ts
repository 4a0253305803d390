/*
 * Starts and stops real backend processes (test/system/backend.ts) on
 * loopback ports. Every process started here is killed when the test
 * process exits, whatever the outcome.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const ENTRY = path.join(ROOT, 'test', 'system', 'backend.ts');
const TRANSFORM = require.resolve('@backstage/cli/config/nodeTransform.cjs', {
  paths: [ROOT],
});

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface SystemConfig {
  port: number;
  databasePrefix: string;
  token: string;
  ingressSecret: string;
  escalation?: { frequencySeconds?: number; enabled?: boolean };
  /** leakResponse.detection.retryAfter, in seconds (default 2 minutes). */
  detectionRetryAfterSeconds?: number;
  /** A loopback SMTP server for the email channel; none: mails are built, not sent. */
  smtpPort?: number;
  /**
   * Permissions decided by the portal's own policy (packages/backend):
   * only compliance approves and decides. Off (the default), every
   * signed-in user may do everything, as the other suites assume.
   */
  permissionPolicy?: boolean;
}

/** The email channel: SMTP on loopback, or nodemailer's in-memory stream. */
function emailChannel(smtpPort?: number) {
  return {
    transportConfig: smtpPort
      ? { transport: 'smtp', hostname: '127.0.0.1', port: smtpPort }
      : { transport: 'stream' },
    sender: 'leak-response@shopwise.example',
    // the system tests measure the first mail, not the throttle
    throttleInterval: { milliseconds: 10 },
    concurrencyLimit: 10,
  };
}

export const ROLES = {
  compliance: 'group:dpo-office',
  security: 'group:security-ir',
  legal: 'group:legal',
  communications: 'group:communications',
};

/** Who changes incidents in the system tests (guest sign-in): a member of ml-platform. */
export const SYSTEM_USER = 'user:default/amara.okafor';

/**
 * The people the record suite signs in as, each through a sign-in of their
 * own (`/api/auth/<id>/refresh`, see lib/signIns.ts): someone outside
 * compliance, and two members of compliance (dpo-office), one who drafts a
 * notice and one who reviews it.
 */
export const PEOPLE = {
  outsider: SYSTEM_USER,
  drafter: 'user:default/eva.lindqvist',
  reviewer: 'user:default/tom.oconnell',
} as const;

export type Person = keyof typeof PEOPLE;

/** The app-config of one replica: only loopback, PostgreSQL, a static token. */
export function backendConfig(c: SystemConfig) {
  const example = (file: string) => path.join(ROOT, 'examples', file);
  return {
    app: { baseUrl: `http://127.0.0.1:${c.port}` },
    organization: { name: 'Shopwise' },
    backend: {
      baseUrl: `http://127.0.0.1:${c.port}`,
      listen: { port: c.port, host: '127.0.0.1' },
      database: {
        client: 'pg',
        connection: { host: '127.0.0.1', port: 5432, user: 'postgres' },
        prefix: c.databasePrefix,
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: c.token, subject: 'system-test' },
          },
        ],
      },
    },
    // the person the changes that need a user are made as (SYSTEM_USER)
    auth: {
      providers: {
        guest: {
          userEntityRef: SYSTEM_USER,
          dangerouslyAllowOutsideDevelopment: true,
        },
        ...Object.fromEntries(
          Object.entries(PEOPLE).map(([id, userEntityRef]) => [
            id,
            { userEntityRef },
          ]),
        ),
      },
    },
    systemTest: { signIns: PEOPLE },
    permission: { enabled: c.permissionPolicy ?? false },
    notifications: { processors: { email: emailChannel(c.smtpPort) } },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Domain',
          ],
        },
      ],
      locations: [
        { type: 'file', target: example('systems.yaml') },
        { type: 'file', target: example('llm-resources.yaml') },
        {
          type: 'file',
          target: example('org.yaml'),
          rules: [{ allow: ['User', 'Group'] }],
        },
      ],
    },
    leakResponse: {
      roles: ROLES,
      detection: {
        topics: ['leak-response.aws-findings'],
        ingress: {
          header: 'x-leak-response-ingress-token',
          secret: c.ingressSecret,
        },
        ...(c.detectionRetryAfterSeconds
          ? { retryAfter: { seconds: c.detectionRetryAfterSeconds } }
          : {}),
      },
      escalation: {
        enabled: c.escalation?.enabled ?? true,
        thresholds: [50, 75, 90],
        frequency: { seconds: c.escalation?.frequencySeconds ?? 60 },
      },
    },
  };
}

export class BackendProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  readonly baseUrl: string;
  readonly logFile: string;

  constructor(
    readonly name: string,
    private readonly config: SystemConfig,
    private readonly workDir: string,
  ) {
    this.baseUrl = `http://127.0.0.1:${config.port}`;
    this.logFile = path.join(workDir, `${name}.log`);
  }

  /** Spawns the process; resolves once health answers and the catalog holds the examples. */
  async start(options: { timeoutMs?: number } = {}): Promise<void> {
    const configFile = path.join(this.workDir, `${this.name}.app-config.yaml`);
    fs.writeFileSync(configFile, stringify(backendConfig(this.config)));
    const log = fs.openSync(this.logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        // e.g. SYSTEM_TEST_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
        ...(process.env.SYSTEM_TEST_NODE_ARGS?.split(' ').filter(Boolean) ??
          []),
        '--require',
        TRANSFORM,
        ENTRY,
        '--config',
        configFile,
      ],
      {
        // inside the repository: the config loader looks for its root
        cwd: path.join(ROOT, 'test', 'system'),
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'production',
          LOG_LEVEL: process.env.SYSTEM_TEST_LOG_LEVEL ?? 'info',
        },
        stdio: ['ignore', log, log],
      },
    );
    fs.closeSync(log);
    running.add(child);
    this.child = child;
    this.exited = new Promise(resolve =>
      child.once('exit', () => {
        running.delete(child);
        resolve();
      }),
    );
    await this.waitUntilReady(options.timeoutMs ?? 150_000);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return Boolean(
      this.child &&
        this.child.exitCode === null &&
        this.child.signalCode === null,
    );
  }

  private async waitUntilReady(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    const probe = `${this.baseUrl}/api/catalog/entities/by-name/resource/default/clickstream-2025q3`;
    while (Date.now() < deadline) {
      if (!this.alive) {
        throw new Error(
          `${this.name} exited during start-up; see ${
            this.logFile
          }:\n${this.tail()}`,
        );
      }
      try {
        const health = await fetch(`${this.baseUrl}/api/leak-response/health`);
        if (health.ok) {
          const entity = await fetch(probe, {
            headers: { authorization: `Bearer ${this.config.token}` },
          });
          if (entity.ok) return;
        }
      } catch {
        // not listening yet
      }
      await sleep(500);
    }
    throw new Error(
      `${this.name} not ready after ${timeoutMs} ms; see ${
        this.logFile
      }:\n${this.tail()}`,
    );
  }

  /** kill -9: no shutdown hooks, no draining. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** A graceful stop, then SIGKILL if it takes more than a few seconds. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  tail(lines = 40): string {
    try {
      return fs
        .readFileSync(this.logFile, 'utf8')
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '(no log)';
    }
  }

  log(): string {
    return fs.existsSync(this.logFile)
      ? fs.readFileSync(this.logFile, 'utf8')
      : '';
  }
}

export function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
