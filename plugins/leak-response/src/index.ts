/**
 * The Leak Response frontend plugin.
 *
 * @packageDocumentation
 */
export {
  leakResponsePlugin,
  LeakResponsePage,
  EntityLeakResponseContent,
} from './plugin';
export { isLeakResponseAvailable } from './conditions';
export { leakResponseApiRef, LeakResponseClient } from './api';
export type { LeakResponseApi } from './api';
export { EntityLlmDataCard } from './components/EntityLlmDataCard';
