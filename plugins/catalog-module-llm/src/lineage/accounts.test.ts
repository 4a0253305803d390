import { OrganizationsTestServer } from '../testUtils/OrganizationsTestServer';
import { SageMakerTestServer } from '../testUtils/SageMakerTestServer';
import {
  ACCOUNT_A,
  byArn,
  connectLineageProvider,
  KEY_A,
} from './__testUtils__/providerKit';

jest.setTimeout(60_000);

const EU = 'eu-west-1';
const MEMBER = '555566667777';
const SUSPENDED = '888899990000';
const EXCLUDED = '121212121212';

describe('accounts from AWS Organizations', () => {
  let org: OrganizationsTestServer;
  let sagemaker: SageMakerTestServer;

  beforeAll(async () => {
    org = await OrganizationsTestServer.start();
    sagemaker = await SageMakerTestServer.start();
    org.issueKeysTo(sagemaker);
    org.addAccount(ACCOUNT_A, KEY_A);
    sagemaker.addAccount(ACCOUNT_A, KEY_A);
    org.defaultPageSize = 2;
    org.accounts = [
      { id: ACCOUNT_A, name: 'management' },
      { id: MEMBER, name: 'ml-prod' },
      { id: SUSPENDED, name: 'old', status: 'SUSPENDED' },
      { id: EXCLUDED, name: 'sandbox' },
    ];
    for (const account of [ACCOUNT_A, MEMBER]) {
      sagemaker.setAccount(account, EU, {
        models: [{ name: `model-of-${account}` }],
      });
    }
  });
  afterAll(async () => {
    await org.close();
    await sagemaker.close();
  });

  it('lists every page of members and reads each through its assumed role', async () => {
    const { provider, connection } = await connectLineageProvider({
      organization: {
        managementAccountId: ACCOUNT_A,
        roleName: 'backstage-llm-lineage',
        externalId: 'leak-response',
        excludeAccountIds: [EXCLUDED],
      },
      regions: [EU],
      services: ['sagemaker'],
      endpoints: {
        sagemaker: sagemaker.endpoint,
        organizations: org.endpoint,
        sts: org.endpoint,
      },
    });
    org.queueFaults(ACCOUNT_A, { kind: 'throttle' });

    const result = await provider.refresh();

    expect(result.failedSlices).toEqual([]);
    // Four accounts at two a page, after one throttled attempt.
    expect(org.countOf('AWSOrganizationsV20161128.ListAccounts')).toBe(2);
    expect(org.countOf('AWSOrganizationsV20161128.ListAccounts', 400)).toBe(1);
    // Only the active, not excluded member is entered by role; the
    // management account uses its own credentials.
    expect(org.assumeRoleCalls).toEqual([
      {
        callerAccountId: ACCOUNT_A,
        roleArn: `arn:aws:iam::${MEMBER}:role/backstage-llm-lineage`,
        sessionName: 'backstage-llm-lineage',
        externalId: 'leak-response',
      },
    ]);
    const entities = connection.lastEntities;
    for (const account of [ACCOUNT_A, MEMBER]) {
      const model = byArn(
        entities,
        `arn:aws:sagemaker:${EU}:${account}:model/model-of-${account}`,
      );
      expect(model?.metadata.annotations?.['amazonaws.com/account-id']).toBe(
        account,
      );
    }
    expect(entities).toHaveLength(2);

    // Credentials are reused until they near expiry.
    await provider.refresh();
    expect(org.assumeRoleCalls).toHaveLength(1);
  });
});
