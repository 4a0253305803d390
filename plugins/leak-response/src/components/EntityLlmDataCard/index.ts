export { EntityLlmDataCard } from './EntityLlmDataCard';
