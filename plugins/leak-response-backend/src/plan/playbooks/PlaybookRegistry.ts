import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import type { LeakType } from '@leak-response/plugin-leak-response-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Playbook, playbookSchema } from './schema';

/** The annotation with which an entity picks its playbook by id. */
export const ANNOTATION_PLAYBOOK = 'leak-response.io/playbook';

/** The folder of the built-in playbooks (YAML, one per file). */
export function builtInPlaybooksDir(): string {
  return resolvePackagePath(
    '@leak-response/plugin-leak-response-backend',
    'playbooks',
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const where = issue.path
        .map((p, i) =>
          typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${p}`,
        )
        .join('');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function validatePlaybook(
  input: unknown,
  where: string,
  source: Playbook['source'],
  knownRoles: ReadonlySet<string>,
): Playbook {
  const rawId =
    typeof input === 'object' && input !== null && 'id' in input
      ? String((input as { id: unknown }).id)
      : undefined;
  const name = rawId ? `playbook "${rawId}" (${where})` : `playbook ${where}`;
  const parsed = playbookSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(`Invalid ${name}: ${describeIssues(parsed.error)}`);
  }
  const playbook = parsed.data;
  const problems: string[] = [];
  const stepIds = new Set<string>();
  playbook.steps.forEach((step, index) => {
    if (stepIds.has(step.id)) {
      problems.push(`steps[${index}].id: "${step.id}" is used twice`);
    }
    stepIds.add(step.id);
    const check = (field: string, roles: string[]) =>
      roles.forEach((role, i) => {
        if (!knownRoles.has(role)) {
          problems.push(
            `steps[${index}].raci.${field}${
              field === 'accountable' ? '' : `[${i}]`
            }: unknown role "${role}"; known roles are ${[...knownRoles].join(
              ', ',
            )} (add others under leakResponse.roles)`,
          );
        }
      });
    check('responsible', step.raci.responsible);
    check('accountable', [step.raci.accountable]);
    check('consulted', step.raci.consulted);
    check('informed', step.raci.informed);
  });
  if (problems.length > 0) {
    throw new Error(`Invalid ${name}: ${problems.join('; ')}`);
  }
  return { ...playbook, source };
}

/** Reads the built-in playbooks, one YAML document per file, by file name. */
export function readPlaybookFiles(dir: string): Array<{
  file: string;
  content: unknown;
}> {
  return fs
    .readdirSync(dir)
    .filter(file => /\.ya?ml$/.test(file))
    .sort()
    .map(file => {
      try {
        return {
          file,
          content: parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')),
        };
      } catch (error) {
        throw new Error(
          `Invalid playbook file ${file}: ${(error as Error).message}`,
        );
      }
    });
}

/** How a playbook was chosen for an entity. */
export interface PlaybookSelection {
  playbook: Playbook;
  selectedBy: 'annotation' | 'leak-type-and-entity-type' | 'leak-type';
  warnings: string[];
}

/**
 * The playbooks: the built-in ones, replaced or extended by
 * `leakResponse.playbooks`. Validated once at start-up; a bad playbook stops
 * the plugin with a message naming the playbook and the field.
 */
export class PlaybookRegistry {
  private constructor(
    private readonly playbooks: ReadonlyMap<string, Playbook>,
  ) {}

  static create(options: {
    builtIn: Array<{ file: string; content: unknown }>;
    configured: unknown[];
    knownRoles: Iterable<string>;
  }): PlaybookRegistry {
    const knownRoles = new Set(options.knownRoles);
    const builtIn = options.builtIn.map(({ file, content }) =>
      validatePlaybook(
        content,
        `built-in file ${file}`,
        'built-in',
        knownRoles,
      ),
    );
    // Configured playbooks come first, so that they win the selection; one
    // with a built-in id replaces the built-in one.
    const ordered = new Map<string, Playbook>();
    options.configured.forEach((content, index) => {
      const where = `leakResponse.playbooks[${index}]`;
      const playbook = validatePlaybook(content, where, 'config', knownRoles);
      if (ordered.has(playbook.id)) {
        throw new Error(
          `Invalid playbook "${playbook.id}" (${where}): id: "${playbook.id}" is configured twice`,
        );
      }
      ordered.set(playbook.id, playbook);
    });
    for (const playbook of builtIn) {
      if (!ordered.has(playbook.id)) ordered.set(playbook.id, playbook);
    }
    return new PlaybookRegistry(ordered);
  }

  static fromConfig(
    config: Config,
    options: { knownRoles: Iterable<string>; builtInDir?: string },
  ): PlaybookRegistry {
    const configured =
      config.getOptional<unknown[]>('leakResponse.playbooks') ?? [];
    if (!Array.isArray(configured)) {
      throw new Error(
        'Invalid leakResponse.playbooks: must be a list of playbooks',
      );
    }
    return PlaybookRegistry.create({
      builtIn: readPlaybookFiles(options.builtInDir ?? builtInPlaybooksDir()),
      configured,
      knownRoles: options.knownRoles,
    });
  }

  list(): Playbook[] {
    return [...this.playbooks.values()];
  }

  get(id: string): Playbook | undefined {
    return this.playbooks.get(id);
  }

  /** The leak types some playbook responds to. */
  leakTypes(): Set<LeakType> {
    return new Set(this.list().flatMap(p => p.leakTypes));
  }

  /**
   * Picks the playbook for an entity and leak type: the one named by the
   * entity's `leak-response.io/playbook` annotation; otherwise the first one
   * (configured before built-in) for the leak type whose `entityTypes` lists
   * the entity's `spec.type` or kind; otherwise the first one for the leak
   * type. Undefined when no playbook responds to the leak type.
   */
  select(entity: Entity, leakType: LeakType): PlaybookSelection | undefined {
    const warnings: string[] = [];
    const annotated =
      entity.metadata.annotations?.[ANNOTATION_PLAYBOOK]?.trim();
    if (annotated) {
      const playbook = this.playbooks.get(annotated);
      if (playbook) {
        if (!playbook.leakTypes.includes(leakType)) {
          warnings.push(
            `the ${ANNOTATION_PLAYBOOK} annotation picks playbook "${annotated}", which is written for ${playbook.leakTypes.join(
              ', ',
            )}, not ${leakType}`,
          );
        }
        return { playbook, selectedBy: 'annotation', warnings };
      }
      warnings.push(
        `the ${ANNOTATION_PLAYBOOK} annotation names playbook "${annotated}", which does not exist; known playbooks are ${[
          ...this.playbooks.keys(),
        ].join(', ')}`,
      );
    }
    const candidates = this.list().filter(p => p.leakTypes.includes(leakType));
    const entityTypes = [
      typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
      entity.kind.toLocaleLowerCase('en-US'),
    ].filter((t): t is string => Boolean(t));
    const byType = candidates.find(p =>
      p.entityTypes.some(t => entityTypes.includes(t)),
    );
    if (byType) {
      return {
        playbook: byType,
        selectedBy: 'leak-type-and-entity-type',
        warnings,
      };
    }
    if (candidates.length > 0) {
      return { playbook: candidates[0], selectedBy: 'leak-type', warnings };
    }
    return undefined;
  }
}
