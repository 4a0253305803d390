/**
 * The `leak-response` command line: `leak-response validate <files…>` checks
 * catalog-info.yaml files for owners' CI with the catalog's own validation.
 *
 * @packageDocumentation
 */
import { runCli } from './cli';

runCli(process.argv.slice(2), {
  stdout: line => process.stdout.write(`${line}\n`),
  stderr: line => process.stderr.write(`${line}\n`),
}).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`leak-response: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
