export { LlmEntityProcessor } from './LlmEntityProcessor';
