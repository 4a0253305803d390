/**
 * Types, schemas, vocabularies, permissions and pure rules shared by the
 * Leak Response frontend, backend and catalog module.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './permissionConditions';
export * from './incidents';
export * from './entity';
export * from './obligations';
export * from './plan';
export * from './readiness';
export * from './timelineChain';
export * from './notices';
export * from './organisation';
export * from './obligationSummary';
export * from './readinessLevels';
