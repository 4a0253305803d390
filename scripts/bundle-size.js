#!/usr/bin/env node
/*
 * How much the Leak Response frontend adds to the portal's app bundle, gzip.
 *
 *   yarn bench:bundle            builds the app with stats, then measures
 *   yarn bench:bundle --no-build measures the last build (packages/app/dist)
 *
 * The production build (rspack, minified) is made with `--stats`. A module
 * counts as the plugin's when it is in plugins/leak-response or
 * plugins/leak-response-common, or when only such modules import it (a
 * dependency the app carries only for the plugin). Each emitted chunk is
 * gzipped as served; a chunk made only of the plugin's modules counts whole,
 * a chunk it shares with the rest of the app counts in proportion to the
 * plugin's share of the chunk's module bytes (stats know module sizes
 * before minification only, so the split inside a shared chunk is an
 * estimate; whole chunks are exact). An upper bound counts every chunk the
 * plugin makes at least 1% of in full. Prints a table; the target is 150 kB.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'packages/app/dist');
const TARGET_KB = 150;
const PLUGIN_PATHS = [
  '/plugins/leak-response/src/',
  '/plugins/leak-response-common/src/',
];

function build() {
  // Under `yarn run`, npm_execpath is the yarn release this repository uses.
  const yarn = process.env.npm_execpath;
  const [cmd, args] =
    yarn && /\.c?js$/.test(yarn)
      ? [process.execPath, [yarn, 'workspace', 'app', 'build', '--stats']]
      : ['yarn', ['workspace', 'app', 'build', '--stats']];
  const started = Date.now();
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`app build failed (exit ${result.status})`);
  }
  return (Date.now() - started) / 1000;
}

const gzipSize = file =>
  zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

const isPluginPath = name => PLUGIN_PATHS.some(p => name.includes(p));

/** Every module once: concatenated modules are replaced by their parts. */
function flatten(modules) {
  const out = [];
  for (const m of modules) {
    if (Array.isArray(m.modules) && m.modules.length > 0) {
      for (const inner of m.modules) {
        out.push({ ...inner, chunks: m.chunks });
      }
    } else {
      out.push(m);
    }
  }
  return out;
}

/**
 * The plugin's modules plus those imported only by them, found by
 * propagating along import reasons until nothing changes.
 */
function pluginModules(modules) {
  const owned = new Set(
    modules
      .filter(m => isPluginPath(m.identifier ?? ''))
      .map(m => m.identifier),
  );
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of modules) {
      if (owned.has(m.identifier)) continue;
      const importers = (m.reasons ?? [])
        .filter(r => r.active !== false && r.moduleIdentifier)
        .map(r => r.moduleIdentifier);
      if (importers.length > 0 && importers.every(i => owned.has(i))) {
        owned.add(m.identifier);
        grew = true;
      }
    }
  }
  return owned;
}

function measure() {
  const statsFile = path.join(dist, 'bundle-stats.json');
  if (!fs.existsSync(statsFile)) {
    throw new Error(`${statsFile} is missing: run without --no-build`);
  }
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  const modules = flatten(stats.modules);
  const owned = pluginModules(modules);

  const perChunk = new Map();
  for (const m of modules) {
    for (const chunk of m.chunks ?? []) {
      const entry = perChunk.get(chunk) ?? { total: 0, plugin: 0 };
      entry.total += m.size ?? 0;
      if (owned.has(m.identifier)) entry.plugin += m.size ?? 0;
      perChunk.set(chunk, entry);
    }
  }

  let whole = 0;
  let shared = 0;
  let upper = 0;
  let appTotal = 0;
  const rows = [];
  for (const chunk of stats.chunks) {
    const files = (chunk.files ?? []).filter(f => f.endsWith('.js'));
    const gz = files.reduce((sum, f) => sum + gzipSize(path.join(dist, f)), 0);
    appTotal += gz;
    const share = perChunk.get(chunk.id);
    if (!share || share.plugin === 0) continue;
    const fraction = share.total > 0 ? share.plugin / share.total : 0;
    const attributed = gz * fraction;
    if (fraction >= 0.999) whole += attributed;
    else shared += attributed;
    // the chunks the plugin is a real part of (not a vendor chunk it touches)
    if (fraction >= 0.01) upper += gz;
    rows.push({ files: files.join(' '), gz, fraction, attributed });
  }
  rows.sort((a, b) => b.attributed - a.attributed);
  return {
    rows,
    whole,
    shared,
    upper,
    appTotal,
    modules: owned.size,
    ownModules: new Set(
      modules.map(m => m.identifier ?? '').filter(isPluginPath),
    ).size,
  };
}

function main() {
  const kb = bytes => `${(bytes / 1000).toFixed(1)} kB`;
  const buildSeconds = process.argv.includes('--no-build')
    ? undefined
    : build();
  const r = measure();
  const total = r.whole + r.shared;
  console.log('Leak Response frontend in the app bundle (gzip, level 9)');
  if (buildSeconds !== undefined)
    console.log(`app build: ${buildSeconds.toFixed(0)} s`);
  console.log(
    `modules: ${r.ownModules} of the plugin and its -common, ${
      r.modules - r.ownModules
    } more imported only by them`,
  );
  console.log('\n| chunk | chunk gzip | plugin share | attributed |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of r.rows.filter(x => x.attributed >= 50).slice(0, 15)) {
    console.log(
      `| ${row.files} | ${kb(row.gz)} | ${(row.fraction * 100).toFixed(
        1,
      )}% | ${kb(row.attributed)} |`,
    );
  }
  const small = r.rows.filter(x => x.attributed < 50).length;
  if (small)
    console.log(`| ${small} chunk(s) with under 0.05 kB of the plugin | | | |`);
  console.log(`\nchunks of the plugin alone: ${kb(r.whole)}`);
  console.log(`its share of shared chunks (estimate): ${kb(r.shared)}`);
  console.log(
    `added by the plugin: ${kb(total)} of ${kb(r.appTotal)} for the whole app`,
  );
  console.log(
    `upper bound (every chunk of which it is at least 1%, whole): ${kb(
      r.upper,
    )}`,
  );
  console.log(
    `target ≤ ${TARGET_KB} kB: ${
      total / 1000 <= TARGET_KB ? 'met' : 'NOT met'
    }`,
  );
}

main();
