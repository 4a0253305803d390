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
export { SageMakerTestServer } from './SageMakerTestServer';
export type {
  FakeEndpoint,
  FakeEndpointConfig,
  FakeModel,
  FakeModelPackage,
  FakeSageMakerAccount,
  FakeTrainingJob,
} from './SageMakerTestServer';
export type { AwsTestFault, AwsTestRequest } from './AwsTestServer';
export { BedrockTestServer } from './BedrockTestServer';
export type {
  FakeBedrockAccount,
  FakeCustomModel,
  FakeImportedModel,
  FakeKnowledgeBase,
  FakeProvisionedThroughput,
} from './BedrockTestServer';
export { OrganizationsTestServer } from './OrganizationsTestServer';
export type {
  FakeAssumeRoleCall,
  FakeOrganizationAccount,
} from './OrganizationsTestServer';
export { MacieTestServer } from './MacieTestServer';
export type { FakeMacieFinding } from './MacieTestServer';
