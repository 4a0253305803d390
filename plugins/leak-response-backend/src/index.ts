export { leakResponsePlugin as default } from './plugin';
export { eventsModuleLeakResponseIngress } from './detection/module';
export { searchModuleLeakResponse } from './search';
