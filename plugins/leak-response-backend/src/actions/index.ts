import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ActionGuard, LeakResponseActionDeps } from './ActionContext';
import { registerIncidentActions } from './incidentActions';
import { registerPlanActions } from './planActions';

export type { LeakResponseActionDeps } from './ActionContext';

/**
 * Registers the suite's actions in Backstage's actions registry (served to
 * assistants over MCP by the mcp-actions backend): `get-leak-plan`,
 * `check-evidence-hold`, `list-open-incidents`, `launch-incident`.
 */
export function registerLeakResponseActions(
  registry: ActionsRegistryService,
  deps: LeakResponseActionDeps,
) {
  const guard = new ActionGuard(deps);
  registerPlanActions(registry, deps, guard);
  registerIncidentActions(registry, deps, guard);
}
