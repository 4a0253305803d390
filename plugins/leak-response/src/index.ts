/**
 * The Leak Response frontend plugin.
 *
 * @packageDocumentation
 */
export {
  leakResponsePlugin,
  LeakResponsePage,
  EntityLeakResponseContent,
  EntityLeakResponseCard,
} from './plugin';
export {
  isLeakResponseAvailable,
  isLlmEntity,
  LLM_LINEAGE_GRAPH_RELATIONS,
} from './conditions';
export { leakResponseApiRef, LeakResponseClient } from './api';
export type { LeakResponseApi } from './api';
export { EntityLlmDataCard } from './components/EntityLlmDataCard';
