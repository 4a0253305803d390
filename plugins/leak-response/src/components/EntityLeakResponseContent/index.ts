export { EntityLeakResponseContent } from './EntityLeakResponseContent';
