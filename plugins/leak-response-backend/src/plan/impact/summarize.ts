import type { LeakType } from '@leak-response/plugin-leak-response-common';
import { AffectedEntity, ImpactDataSubjects, ImpactReport } from '../api';

const byText = (a: string, b: string) => a.localeCompare(b, 'en-US');

/**
 * Builds the impact report from the affected entities: unions of data
 * categories, data subjects and regions over the entities whose data are at
 * risk, and the owners of all of them.
 *
 * Counts per jurisdiction are only known when an entity lists a single
 * jurisdiction; otherwise the report gives an upper bound (`atMost`) and no
 * `approxCount`, so thresholds stay "to be determined" instead of guessed.
 */
export function summarizeImpact(input: {
  origin: string;
  leakType: LeakType;
  entities: AffectedEntity[];
  problems: ImpactReport['problems'];
}): ImpactReport {
  const atRisk = input.entities.filter(e => e.dataAtRisk);
  const categories = new Set<string>();
  const regions = new Set<string>();
  const owners = new Set<string>();
  const subjects = new Map<
    string,
    {
      approxCount?: number;
      atMost?: number;
      unbounded: boolean;
      from: string[];
    }
  >();

  for (const entity of input.entities) {
    if (entity.owner) owners.add(entity.owner);
  }
  for (const entity of atRisk) {
    entity.dataCategories.forEach(c => categories.add(c));
    entity.regions.forEach(r => regions.add(r));
    const jurisdictions = [...new Set(entity.dataSubjects)];
    for (const jurisdiction of jurisdictions) {
      const entry = subjects.get(jurisdiction) ?? {
        unbounded: false,
        from: [],
      };
      entry.from.push(entity.entityRef);
      const count = entity.approxDataSubjects;
      if (count === undefined) {
        entry.unbounded = true;
      } else {
        entry.atMost = (entry.atMost ?? 0) + count;
        if (jurisdictions.length === 1) {
          entry.approxCount = Math.max(entry.approxCount ?? 0, count);
        }
      }
      subjects.set(jurisdiction, entry);
    }
  }

  const dataSubjects: ImpactDataSubjects[] = [...subjects.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([jurisdiction, entry]) => ({
      jurisdiction,
      ...(entry.approxCount !== undefined
        ? { approxCount: entry.approxCount }
        : {}),
      ...(!entry.unbounded && entry.atMost !== undefined
        ? { atMost: entry.atMost }
        : {}),
      from: entry.from,
    }));

  return {
    origin: input.origin,
    leakType: input.leakType,
    entities: input.entities,
    dataCategories: [...categories].sort(byText),
    dataSubjects,
    regions: [...regions].sort(byText),
    owners: [...owners].sort(byText),
    problems: input.problems,
  };
}
