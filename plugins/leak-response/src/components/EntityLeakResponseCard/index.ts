export { EntityLeakResponseCard } from './EntityLeakResponseCard';
