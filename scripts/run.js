#!/usr/bin/env node
/*
 * Runs a root script (or yarn itself) with the project's tool-chain, so that
 * `npm start` and `npm test` work on a machine that has nothing but Node and npm.
 *
 *   node scripts/run.js <root script> [args…]   e.g. node scripts/run.js dev
 *   node scripts/run.js yarn <yarn args…>        e.g. node scripts/run.js yarn tsc
 *
 * - Node: the project needs 22 or 24. When the running Node is older, Node 22
 *   is installed from the npm registry (package `node@22`, which ships the
 *   binary and its headers) into the git-ignored `.toolchain/` folder.
 * - Yarn: the release committed under `.yarn/releases` (see `.yarnrc.yml`).
 *   Yarn does not read npm's registry setting, so when
 *   YARN_NPM_REGISTRY_SERVER is unset it is taken from `npm config get registry`.
 * - Dependencies: `yarn install` runs when node_modules is missing or older
 *   than yarn.lock or any workspace package.json (`--immutable` when CI is set).
 *
 * Written for plain Node (no dependencies) since it runs before any install.
 */
'use strict';

const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const MIN_NODE_MAJOR = 22;
const toolchainDir = path.join(root, '.toolchain');
const isWindows = process.platform === 'win32';

function log(message) {
  process.stderr.write(`[leak-response] ${message}\n`);
}

function fail(message) {
  log(`error: ${message}`);
  process.exit(1);
}

function nodeMajor(version) {
  return Number(String(version).replace(/^v/, '').split('.')[0]);
}

/** The folder that holds the node binary to use, and its headers folder if we provisioned it. */
function resolveNode() {
  if (nodeMajor(process.versions.node) >= MIN_NODE_MAJOR) {
    return { binDir: path.dirname(process.execPath) };
  }
  const pkgDir = path.join(toolchainDir, 'node_modules', 'node');
  const binary = path.join(pkgDir, 'bin', isWindows ? 'node.exe' : 'node');
  const versionOf = () => {
    const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  let version = fs.existsSync(binary) ? versionOf() : undefined;
  if (!version || nodeMajor(version) < MIN_NODE_MAJOR) {
    log(
      `Node ${process.versions.node} is older than ${MIN_NODE_MAJOR}; installing Node ${MIN_NODE_MAJOR} from the npm registry into .toolchain/ (once)`,
    );
    fs.mkdirSync(toolchainDir, { recursive: true });
    const r = spawnSync(
      isWindows ? 'npm.cmd' : 'npm',
      [
        'install',
        '--prefix',
        toolchainDir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `node@${MIN_NODE_MAJOR}`,
      ],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) fail('could not install Node from the npm registry');
    version = versionOf();
    if (!version) fail(`Node was installed but ${binary} does not run`);
  }
  // The `node` package installs a platform package (node-<os>-<arch>) holding the headers node-gyp needs.
  const platformPkgs = path.join(pkgDir, 'node_modules');
  const headersPkg = fs.existsSync(platformPkgs)
    ? fs
        .readdirSync(platformPkgs)
        .map(name => path.join(platformPkgs, name))
        .find(dir => fs.existsSync(path.join(dir, 'include', 'node')))
    : undefined;
  return { binDir: path.dirname(binary), nodeDir: headersPkg };
}

function npmRegistry() {
  const r = spawnSync(
    isWindows ? 'npm.cmd' : 'npm',
    ['config', 'get', 'registry'],
    {
      encoding: 'utf8',
    },
  );
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function yarnRelease() {
  const rc = fs.readFileSync(path.join(root, '.yarnrc.yml'), 'utf8');
  const match = rc.match(/^yarnPath:\s*(.+)$/m);
  if (!match) fail('.yarnrc.yml has no yarnPath');
  return path.join(root, match[1].trim());
}

function workspacePackageJsons() {
  const files = [path.join(root, 'package.json')];
  for (const dir of ['packages', 'plugins']) {
    const base = path.join(root, dir);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base)) {
      const file = path.join(base, name, 'package.json');
      if (fs.existsSync(file)) files.push(file);
    }
  }
  return files;
}

function installIsStale() {
  const state = path.join(root, 'node_modules', '.yarn-state.yml');
  if (!fs.existsSync(state)) return true;
  const installedAt = fs.statSync(state).mtimeMs;
  return [path.join(root, 'yarn.lock'), ...workspacePackageJsons()].some(
    file => fs.existsSync(file) && fs.statSync(file).mtimeMs > installedAt,
  );
}

function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) fail('usage: node scripts/run.js <script> [args…]');

  const { binDir, nodeDir } = resolveNode();
  const env = { ...process.env };
  env.PATH = [binDir, env.PATH].join(path.delimiter);
  if (nodeDir) {
    // native addons (better-sqlite3) must build against the headers of the Node that runs them
    env.npm_config_nodedir = nodeDir;
  }
  if (!env.YARN_NPM_REGISTRY_SERVER) {
    const registry = npmRegistry();
    if (registry) env.YARN_NPM_REGISTRY_SERVER = registry;
  }
  const node = path.join(binDir, isWindows ? 'node.exe' : 'node');
  const yarn = [yarnRelease()];

  if (installIsStale()) {
    // CI must install exactly what yarn.lock says; people get a lock file update
    const ci = Boolean(env.CI) && env.CI !== 'false';
    const install = ci ? ['install', '--immutable'] : ['install'];
    log(`installing dependencies (yarn ${install.join(' ')})`);
    const r = spawnSync(node, [...yarn, ...install], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    if (r.status !== 0) fail('yarn install failed');
    // yarn leaves its state file alone when nothing changed; mark the check as done
    const state = path.join(root, 'node_modules', '.yarn-state.yml');
    if (fs.existsSync(state)) {
      const now = new Date();
      fs.utimesSync(state, now, now);
    }
  }

  const yarnArgs = args[0] === 'yarn' ? args.slice(1) : ['run', ...args];
  const child = spawn(node, [...yarn, ...yarnArgs], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main();
