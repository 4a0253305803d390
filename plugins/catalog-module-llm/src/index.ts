/***/
/**
 * The llm backend module for the catalog plugin.
 *
 * @packageDocumentation
 */

export { catalogModuleLlm as default } from './module';
export * from './providers';
export * from './lineage';
