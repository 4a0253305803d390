/*
 * The backend the system tests and the detection bench start as real
 * processes: the portal's plugins that detection and escalation touch
 * (catalog with the LLM model, events with the detection ingress,
 * notifications with the email channel, signals, leak-response), on the configuration the test
 * writes (PostgreSQL, a loopback port, a static access token).
 */
import { createBackend } from '@backstage/backend-defaults';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import notificationsEmailModule from '@backstage/plugin-notifications-backend-module-email';
import signalsPlugin from '@backstage/plugin-signals-backend';
import llmCatalogModule from '@leak-response/plugin-catalog-backend-module-llm';
import leakResponsePlugin, {
  eventsModuleLeakResponseIngress,
} from '@leak-response/plugin-leak-response-backend';

const backend = createBackend();
backend.add(catalogPlugin);
backend.add(llmCatalogModule);
backend.add(eventsPlugin);
backend.add(eventsModuleLeakResponseIngress);
backend.add(notificationsPlugin);
backend.add(notificationsEmailModule);
backend.add(signalsPlugin);
backend.add(leakResponsePlugin);
backend.start();
