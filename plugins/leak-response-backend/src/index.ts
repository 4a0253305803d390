export { leakResponsePlugin as default } from './plugin';
