/*
 * The Leak Response portal's backend: the catalog with the LLM entity model,
 * the leak-response plugin, and the Backstage services it relies on.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  eventsModuleLeakResponseIngress,
  searchModuleLeakResponse,
} from '@leak-response/plugin-leak-response-backend';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: the guest provider is for local use (see app-config.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// a second local identity (a compliance reviewer), so that four eyes can approve
backend.add(import('./localReviewerSignIn'));

// catalog, with the LLM entity model
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@leak-response/plugin-catalog-backend-module-llm'));

// permissions, decided by this portal's own policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

// events, notifications and signals
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
// email for every notification (SMTP; see notifications.processors.email)
backend.add(import('@backstage/plugin-notifications-backend-module-email'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));

// Leak Response
backend.add(import('@leak-response/plugin-leak-response-backend'));
// the HTTP ingress for AWS detections, behind a shared secret
backend.add(eventsModuleLeakResponseIngress);
// search: the catalog, and incidents and LLM data categories (permission-aware);
// Lunr in memory locally, PostgreSQL in production (app-config.production.yaml)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(searchModuleLeakResponse);
// the actions registry over MCP (/api/mcp-actions/v1), for assistants
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
