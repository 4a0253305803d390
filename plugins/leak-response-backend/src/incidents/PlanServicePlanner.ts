import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  IncidentFacts,
  LeakType,
} from '@leak-response/plugin-leak-response-common';
import { PlanService } from '../plan/PlanService';
import { NewAffectedEntity } from '../database/IncidentStore';
import { IncidentPlanner } from './IncidentService';

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** Incidents get their plans, re-evaluations and snapshots from the PlanService. */
export class PlanServicePlanner implements IncidentPlanner {
  constructor(private readonly plans: PlanService) {}

  async plan(request: {
    entityRef: string;
    leakType: LeakType;
    awareAt: string;
    credentials: BackstageCredentials;
  }) {
    return this.plans.getPlanWithFacts({
      entity: parseEntityRef(request.entityRef),
      leakType: request.leakType,
      awareAt: request.awareAt,
      credentials: request.credentials,
    });
  }

  evaluate(facts: IncidentFacts, now: Date) {
    return this.plans.evaluate(facts, now);
  }

  ruleTable() {
    return this.plans.ruleTable();
  }

  async snapshot(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<NewAffectedEntity['snapshot'] | undefined> {
    const [entity] = await this.plans.fetcher(credentials)([entityRef]);
    if (!entity) {
      return undefined;
    }
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    return {
      kind: entity.kind,
      type: typeof spec.type === 'string' ? spec.type : undefined,
      title: entity.metadata.title,
      owner: typeof spec.owner === 'string' ? spec.owner : undefined,
      system: typeof spec.system === 'string' ? spec.system : undefined,
      dataCategories: strings(spec.dataCategories),
      dataSubjects: strings(spec.dataSubjects),
      regions: strings(spec.regions),
      ...(typeof spec.approxDataSubjects === 'number' && {
        approxDataSubjects: spec.approxDataSubjects,
      }),
    };
  }
}
