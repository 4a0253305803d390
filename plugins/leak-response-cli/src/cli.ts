import { ConfigReader } from '@backstage/config';
import {
  DataCategoryVocabulary,
  readDataCategories,
} from '@leak-response/plugin-leak-response-common';
import { Command, CommanderError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import { parse } from 'yaml';
import {
  formatFindings,
  OUTPUT_FORMATS,
  OutputFormat,
  summary,
} from './format';
import { Finding, validateCatalogFile } from './validateCatalogFile';

/** Where the CLI writes; the process streams in production, buffers in tests. */
export type CliIo = {
  stdout(line: string): void;
  stderr(line: string): void;
};

/**
 * The exit codes: 0 all valid, 1 errors in the files, 2 the command itself
 * could not run (bad arguments, unreadable file or config).
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/**
 * The organisation's vocabulary, read from the same app-config files the
 * portal uses (`leakResponse.dataCategories`), merged in order like the
 * backend does; the built-ins when none is given.
 */
async function loadVocabulary(
  configPaths: string[],
): Promise<DataCategoryVocabulary> {
  const configs = await Promise.all(
    configPaths.map(async path => ({
      context: path,
      data: (parse(await fs.readFile(path, 'utf8')) ?? {}) as Record<
        string,
        any
      >,
    })),
  );
  return readDataCategories(ConfigReader.fromConfigs(configs));
}

async function validate(
  files: string[],
  options: { format: OutputFormat; config: string[] },
  io: CliIo,
): Promise<number> {
  let vocabulary: DataCategoryVocabulary;
  try {
    vocabulary = await loadVocabulary(options.config);
  } catch (error) {
    io.stderr(`leak-response: cannot read the config: ${String(error)}`);
    return EXIT.usage;
  }
  const findings: Finding[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      io.stderr(`leak-response: cannot read ${file}: ${String(error)}`);
      return EXIT.usage;
    }
    findings.push(...(await validateCatalogFile(file, text, vocabulary)));
  }
  formatFindings(findings, options.format).forEach(line => io.stdout(line));
  io.stderr(summary(findings, files.length));
  return findings.length > 0 ? EXIT.invalid : EXIT.ok;
}

/**
 * Runs `leak-response <args>` and resolves to the exit code; never exits the
 * process itself, so tests drive it like CI does.
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('leak-response')
    .description('Leak Response tools for owners of LLM models and datasets')
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout(text.trimEnd()),
      writeErr: text => io.stderr(text.trimEnd()),
    });
  program
    .command('validate')
    .description(
      'Check catalog-info.yaml files with the validation the catalog runs on LLM entities',
    )
    .argument('<files...>', 'catalog files (each may hold several documents)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(OUTPUT_FORMATS)
        .default('text'),
    )
    .option(
      '--config <path>',
      'an app-config file declaring leakResponse.dataCategories (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (files: string[], options) => {
      exitCode = await validate(files, options, io);
    });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are not failures
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return exitCode;
}
