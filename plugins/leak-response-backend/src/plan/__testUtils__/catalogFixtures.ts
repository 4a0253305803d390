/*
 * Test fixtures: the example catalog of the repository, with the relations
 * the catalog would emit (lineage pairs, dependsOn/dependencyOf,
 * memberOf/hasMember, ownedBy/ownerOf), and a fetcher over it that counts
 * its batched requests.
 */
import {
  Entity,
  EntityRelation,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { EntityBatchFetcher } from '../impact/ImpactAnalyzer';

export const EXAMPLES_DIR = path.resolve(__dirname, '../../../../../examples');

export function readExampleEntities(): Entity[] {
  return ['systems.yaml', 'llm-resources.yaml', 'org.yaml'].flatMap(file =>
    parseAllDocuments(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'))
      .map(doc => doc.toJSON() as Entity)
      .filter(Boolean),
  );
}

const PAIRS: Array<{
  field: string;
  forward: string;
  reverse: string;
  kind: string;
}> = [
  {
    field: 'trainedOn',
    forward: 'trainedOn',
    reverse: 'trainingDataOf',
    kind: 'resource',
  },
  {
    field: 'fineTunedFrom',
    forward: 'fineTunedFrom',
    reverse: 'fineTunedInto',
    kind: 'resource',
  },
  { field: 'serves', forward: 'serves', reverse: 'servedBy', kind: 'resource' },
  { field: 'logsTo', forward: 'logsTo', reverse: 'logsOf', kind: 'resource' },
  {
    field: 'dependsOn',
    forward: 'dependsOn',
    reverse: 'dependencyOf',
    kind: 'component',
  },
  {
    field: 'memberOf',
    forward: 'memberOf',
    reverse: 'hasMember',
    kind: 'group',
  },
  { field: 'owner', forward: 'ownedBy', reverse: 'ownerOf', kind: 'group' },
];

/**
 * Adds the relations a catalog with the LLM module would emit. With
 * `lineageRelations: false` the lineage pairs are left out, as in a catalog
 * without the LLM processor.
 */
export function withRelations(
  input: Entity[],
  options: { lineageRelations?: boolean } = {},
): Entity[] {
  const entities: Entity[] = input.map(e => ({
    ...e,
    metadata: { namespace: 'default', ...e.metadata },
    relations: [],
  }));
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  const lineage = new Set(['trainedOn', 'fineTunedFrom', 'serves', 'logsTo']);
  for (const entity of entities) {
    const source = stringifyEntityRef(entity);
    for (const pair of PAIRS) {
      if (options.lineageRelations === false && lineage.has(pair.field)) {
        continue;
      }
      const raw = entity.spec?.[pair.field];
      const values = Array.isArray(raw) ? raw : [raw].filter(Boolean);
      for (const value of values) {
        const target = stringifyEntityRef(
          parseEntityRef(String(value), {
            defaultKind: pair.kind,
            defaultNamespace: entity.metadata.namespace,
          }),
        );
        (entity.relations as EntityRelation[]).push({
          type: pair.forward,
          targetRef: target,
        });
        const other = byRef.get(target.toLocaleLowerCase('en-US'));
        other?.relations?.push({ type: pair.reverse, targetRef: source });
      }
    }
  }
  return entities;
}

export function exampleCatalog(): Entity[] {
  return withRelations(readExampleEntities());
}

/** A fetcher over a list of entities that records every batch asked for. */
export function fakeFetcher(entities: Entity[]): EntityBatchFetcher & {
  batches: string[][];
} {
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  const batches: string[][] = [];
  const fetch = async (refs: string[]) => {
    batches.push(refs);
    return refs.map(ref => byRef.get(ref.toLocaleLowerCase('en-US')));
  };
  return Object.assign(fetch, { batches });
}

/** Finds an entity of a list by name. */
export function byName(entities: Entity[], name: string): Entity {
  const found = entities.find(e => e.metadata.name === name);
  if (!found) throw new Error(`no fixture entity ${name}`);
  return found;
}

/** A minimal LLM resource for hand-made graphs. */
export function resource(
  name: string,
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec: { owner: 'group:ml-platform', ...spec },
  };
}
