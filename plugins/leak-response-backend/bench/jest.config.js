/*
 * Jest config of the bench only: the package's test config looks in src/ and
 * for *.test.ts, so that the bench never runs with the tests.
 */
const swc = require.resolve(
  '@backstage/cli-module-test-jest/config/jestSwcTransform',
);
const moduleOpts = {
  module: { ignoreDynamic: true, exportInteropAnnotation: true },
};

module.exports = {
  rootDir: __dirname,
  testMatch: ['**/*.bench.ts'],
  testEnvironment: 'node',
  transform: {
    '\\.(mjs|cjs|js)$': [
      swc,
      { ...moduleOpts, jsc: { parser: { syntax: 'ecmascript' } } },
    ],
    '\\.(mts|cts|ts)$': [
      swc,
      { ...moduleOpts, jsc: { parser: { syntax: 'typescript' } } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/'],
};
