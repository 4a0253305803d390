/*
 * A detection service over a real incident store and the example catalog,
 * on a test database.
 */
import { Knex } from 'knex';
import { AuditorService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ROLES } from '../../__testUtils__/config';
import { DatabaseIncidentStore } from '../../database/DatabaseIncidentStore';
import { IncidentService, PlanServicePlanner } from '../../incidents';
import { DEFAULT_NOTICE_TEMPLATES } from '../../notices';
import { PlanService } from '../../plan/PlanService';
import { exampleCatalog } from '../../plan/__testUtils__/catalogFixtures';
import { DetectionService } from '../DetectionService';
import { DetectionStore } from '../DetectionStore';
import { UnrecordedRetryOptions } from '../UnrecordedFindings';
import { ReopenNotifier } from '../reopenNotifier';
import { NotificationService } from '@backstage/plugin-notifications-node';

export async function detectionHarness(
  knex: Knex,
  options: {
    catalog?: CatalogService;
    clock?: () => Date;
    auditor?: AuditorService;
    unrecordedRetry?: UnrecordedRetryOptions;
    notifications?: NotificationService;
  } = {},
) {
  const database = { getClient: async () => knex };
  const incidentStore = await DatabaseIncidentStore.create({ database });
  const store = await DetectionStore.create({ database });
  const catalog =
    options.catalog ?? catalogServiceMock({ entities: exampleCatalog() });
  const logger = mockServices.logger.mock();
  const plan = PlanService.fromConfig(
    new ConfigReader({ leakResponse: { roles: ROLES } }),
    { catalog, logger },
  );
  const incidents = IncidentService.create({
    store: incidentStore,
    planner: new PlanServicePlanner(plan),
    templates: DEFAULT_NOTICE_TEMPLATES,
    organisation: { name: 'ShopWise', dpoContact: 'dpo@shopwise.example' },
  });
  const service = DetectionService.create({
    store,
    incidentStore,
    incidents,
    catalog,
    auth: mockServices.auth(),
    logger,
    auditor: options.auditor,
    clock: options.clock,
    unrecordedRetry: options.unrecordedRetry,
    reopenNotifier: options.notifications
      ? new ReopenNotifier(options.notifications, logger)
      : undefined,
  });
  return { service, store, incidentStore, incidents, logger };
}
