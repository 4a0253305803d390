export { leakResponsePlugin as default } from './plugin';
export { eventsModuleLeakResponseIngress } from './detection/module';
