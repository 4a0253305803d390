#!/usr/bin/env node
/*
 * The project's test command (`npm test` / `yarn test`): every unit,
 * integration and database test (Jest through `backstage-cli repo test`),
 * then the end-to-end tests (Playwright, Debian Chromium) against a portal it
 * starts and stops itself.
 *
 * - PostgreSQL: when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is
 *   unset and a server answers on 127.0.0.1:5432, it is used; the database
 *   tests then run on SQLite and PostgreSQL. The summary counts the tests that
 *   ran on POSTGRES_15. With CI set (or LEAK_RESPONSE_REQUIRE_POSTGRES=1) the
 *   command fails when none did.
 * - System tests (test/system, node's test runner): real backend processes
 *   on PostgreSQL (two replicas on one database, kill -9 and restart). They
 *   need PostgreSQL on 127.0.0.1:5432 and the loopback ports 7201-7203; they
 *   are skipped, saying so, without PostgreSQL (an error with CI set) and
 *   when Jest arguments are given. LEAK_RESPONSE_SKIP_SYSTEM=1 skips them on
 *   purpose.
 * - End-to-end: skipped, saying so, when no Chromium is found (set
 *   CHROMIUM_PATH, or install Debian's `chromium`); with CI set a missing
 *   Chromium is an error. LEAK_RESPONSE_SKIP_E2E=1 skips them on purpose.
 *
 * Extra arguments go to Jest, e.g. `yarn test plugins/leak-response-common`.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const resultsFile = path.join(root, '.jest-results.json');
const systemTapFile = path.join(
  root,
  'node_modules',
  '.cache',
  'system-test-results.tap',
);
const systemDir = path.join(root, 'test', 'system');
const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
const isCI = Boolean(process.env.CI) && process.env.CI !== 'false';

function log(message) {
  process.stdout.write(`[leak-response test] ${message}\n`);
}

function portAnswers(host, port, timeoutMs = 1000) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port });
    const done = ok => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean);
  return candidates.find(file => fs.existsSync(file));
}

function run(command, args, env) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  return {
    status: result.status ?? 1,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

/** Counts, in Jest's JSON report, the tests whose names say they ran on POSTGRES_15. */
function countPostgresTests() {
  if (!fs.existsSync(resultsFile)) return { ran: 0, passed: 0 };
  const report = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  let ran = 0;
  let passed = 0;
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (!/POSTGRES_15/.test(test.fullName ?? test.title ?? '')) continue;
      if (test.status === 'passed' || test.status === 'failed') ran += 1;
      if (test.status === 'passed') passed += 1;
    }
  }
  return { ran, passed };
}

/** Pass and fail counts from the TAP summary of node's test runner. */
function countSystemTests() {
  if (!fs.existsSync(systemTapFile)) return { passed: 0, failed: 0 };
  const tap = fs.readFileSync(systemTapFile, 'utf8');
  const count = name =>
    Number((new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap) ?? [])[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled') };
}

/** Runs test/system with node's test runner (TypeScript through the CLI's transform). */
function runSystemTests(env) {
  const files = fs
    .readdirSync(systemDir)
    .filter(file => file.endsWith('.test.ts'))
    .sort()
    .map(file => path.join('test', 'system', file));
  fs.rmSync(systemTapFile, { force: true });
  fs.mkdirSync(path.dirname(systemTapFile), { recursive: true });
  const result = run(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs', {
        paths: [root],
      }),
      '--test',
      '--test-concurrency=1',
      '--test-timeout=300000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${systemTapFile}`,
      ...files,
    ],
    env,
  );
  return { ...result, ...countSystemTests(), files: files.length };
}

async function main() {
  const env = { ...process.env };
  const requirePostgres =
    isCI || process.env.LEAK_RESPONSE_REQUIRE_POSTGRES === '1';

  if (!env[PG_ENV]) {
    if (await portAnswers('127.0.0.1', 5432)) {
      env[PG_ENV] = 'postgresql://postgres@127.0.0.1:5432';
      log(`PostgreSQL answers on 127.0.0.1:5432: database tests run on it too`);
    } else {
      log(
        'PostgreSQL does not answer on 127.0.0.1:5432: database tests run on SQLite only',
      );
    }
  }

  fs.rmSync(resultsFile, { force: true });
  const backstageCli = path.join(root, 'node_modules', '.bin', 'backstage-cli');
  const jestArgs = process.argv.slice(2);
  const unit = run(
    backstageCli,
    [
      'repo',
      'test',
      '--watchAll=false',
      '--json',
      `--outputFile=${resultsFile}`,
      ...jestArgs,
    ],
    { ...env, CI: 'true' },
  );
  const pg = countPostgresTests();
  log(`unit and integration tests: ${unit.seconds}s, exit ${unit.status}`);
  log(`tests that ran on POSTGRES_15: ${pg.ran} (${pg.passed} passed)`);
  if (unit.status !== 0) process.exit(unit.status);
  if (requirePostgres && pg.ran === 0 && jestArgs.length === 0) {
    log('error: no test ran on POSTGRES_15, but PostgreSQL is required here');
    process.exit(1);
  }

  if (process.env.LEAK_RESPONSE_SKIP_SYSTEM === '1' || jestArgs.length > 0) {
    log('system tests skipped on request');
  } else if (!env[PG_ENV]) {
    if (requirePostgres) {
      log('error: the system tests need PostgreSQL on 127.0.0.1:5432');
      process.exit(1);
    }
    log('system tests skipped: they need PostgreSQL on 127.0.0.1:5432');
  } else {
    const system = runSystemTests(env);
    log(
      `system tests (${system.files} files, real backend processes): ${system.seconds}s, exit ${system.status}`,
    );
    process.stdout.write(
      `system: ${system.passed} passed, ${system.failed} failed\n`,
    );
    if (system.status !== 0) process.exit(system.status);
    if (system.passed === 0) {
      log('error: no system test ran');
      process.exit(1);
    }
  }

  if (process.env.LEAK_RESPONSE_SKIP_E2E === '1' || jestArgs.length > 0) {
    log('end-to-end tests skipped on request');
    return;
  }
  const chromium = findChromium();
  if (!chromium) {
    const message =
      'no Chromium found (install Debian package `chromium` or set CHROMIUM_PATH): end-to-end tests not run';
    if (isCI) {
      log(`error: ${message}`);
      process.exit(1);
    }
    log(message);
    return;
  }
  const playwright = path.join(root, 'node_modules', '.bin', 'playwright');
  const e2e = run(playwright, ['test'], { ...env, CHROMIUM_PATH: chromium });
  log(`end-to-end tests: ${e2e.seconds}s, exit ${e2e.status}`);
  process.exit(e2e.status);
}

main().catch(error => {
  log(`error: ${error.stack ?? error}`);
  process.exit(1);
});
