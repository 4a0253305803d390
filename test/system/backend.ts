/*
 * The backend the system tests and the detection bench start as real
 * processes: the portal's plugins that detection and escalation touch
 * (auth with a guest sign-in and one sign-in per test person, catalog with the LLM model,
 * permissions with the portal's own policy (packages/backend), events with the detection ingress,
 * notifications with the email channel, signals, leak-response), on the configuration the test
 * writes (PostgreSQL, a loopback port, a static access token, permissions on or off).
 */
import { createBackend } from '@backstage/backend-defaults';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import notificationsEmailModule from '@backstage/plugin-notifications-backend-module-email';
import signalsPlugin from '@backstage/plugin-signals-backend';
import llmCatalogModule from '@leak-response/plugin-catalog-backend-module-llm';
import leakResponsePlugin, {
  eventsModuleLeakResponseIngress,
} from '@leak-response/plugin-leak-response-backend';
// the portal's policy itself, not a copy: what a person may do is decided as in production
import portalPermissionPolicy from '../../packages/backend/src/permissionPolicy';
import { systemSignInsModule } from './lib/signIns';

const backend = createBackend();
// a signed-in user for the changes that need one (status, decisions)
backend.add(authPlugin);
backend.add(guestProviderModule);
// the people the record suite acts as (outside compliance, a drafter, a reviewer)
backend.add(systemSignInsModule);
backend.add(permissionPlugin);
backend.add(portalPermissionPolicy);
backend.add(catalogPlugin);
backend.add(llmCatalogModule);
backend.add(eventsPlugin);
backend.add(eventsModuleLeakResponseIngress);
backend.add(notificationsPlugin);
backend.add(notificationsEmailModule);
backend.add(signalsPlugin);
backend.add(leakResponsePlugin);
backend.start();
