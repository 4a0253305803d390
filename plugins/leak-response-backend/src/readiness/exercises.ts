import { IncidentReadCriteria, IncidentStore } from '../database/IncidentStore';
import { refKey } from '../plan/impact/lineage';

/** An exercise, as readiness counts it. */
export interface ExerciseFact {
  /** ISO, UTC: the exercise's awareness time. */
  awareAt: string;
  /** Full lower-case refs of the origin and every entity still affected. */
  entityRefs: string[];
}

/** Where readiness reads exercises from (read-only). */
export interface ExerciseSource {
  /**
   * Exercises whose awareness time is at or after `since`, newest first;
   * with `readable`, only those a conditional read decision lets the
   * caller see.
   */
  exercisesSince(
    since: Date,
    readable?: IncidentReadCriteria,
  ): Promise<ExerciseFact[]>;
}

const PAGE = 100;

/**
 * Reads exercises from the incident store: the listing pages newest first
 * and stops at the first one older than `since`; each exercise's record
 * gives the entities it involved (an exercise of a model also exercises the
 * datasets and endpoints it reached).
 */
export function exercisesFromStore(
  store: Pick<IncidentStore, 'listIncidents' | 'getIncident'>,
): ExerciseSource {
  return {
    async exercisesSince(since, readable) {
      const facts: ExerciseFact[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const { items } = await store.listIncidents({
          exercise: true,
          readable,
          orderBy: 'awareAt',
          order: 'desc',
          limit: PAGE,
          offset,
        });
        const inWindow = items.filter(i => new Date(i.awareAt) >= since);
        const records = await Promise.all(
          inWindow.map(i => store.getIncident(i.id)),
        );
        inWindow.forEach((summary, index) => {
          const affected = (records[index]?.affected ?? [])
            .filter(a => !a.removedAt)
            .map(a => refKey(a.entityRef));
          facts.push({
            awareAt: summary.awareAt,
            entityRefs: [
              ...new Set([refKey(summary.originEntityRef), ...affected]),
            ],
          });
        });
        if (items.length < PAGE || inWindow.length < items.length) break;
      }
      return facts;
    },
  };
}
