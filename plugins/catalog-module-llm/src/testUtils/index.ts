/**
 * Test utilities: a local HTTP server speaking the Resource Groups Tagging
 * API, for testing AWS discovery with the real SDK client.
 *
 * @packageDocumentation
 */
export {
  TaggingApiTestServer,
  generateResources,
} from './TaggingApiTestServer';
export type {
  FakeTaggedResource,
  FakeFault,
  RecordedRequest,
} from './TaggingApiTestServer';
