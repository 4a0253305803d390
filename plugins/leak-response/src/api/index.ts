export { leakResponseApiRef } from './LeakResponseApi';
export type { LeakResponseApi } from './LeakResponseApi';
export { LeakResponseClient } from './LeakResponseClient';
