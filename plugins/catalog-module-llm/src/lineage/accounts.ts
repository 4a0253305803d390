import {
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  AwsCredentialProvider,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { LlmLineageProviderConfig } from './config';
import { paginate } from './paginate';

/** What the AWS SDK clients take as `credentials`. */
export type AwsCredentialIdentityProvider =
  AwsCredentialProvider['sdkCredentialProvider'];
type AwsCredentialIdentity = Awaited<ReturnType<AwsCredentialIdentityProvider>>;

/** An account to read lineage from, with how to sign its requests. */
export interface LineageAccount {
  accountId: string;
  credentials: AwsCredentialIdentityProvider;
}

/** Assumed-role credentials are renewed this long before they expire. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * The accounts of one run: the explicit `accountIds` (credentials from the
 * `aws` config of `@backstage/integration-aws-node`) and, when an
 * organization is configured, every active member account listed by the
 * management account, entered by assuming `roleName` there with STS.
 */
export class LineageAccounts {
  private readonly assumed = new Map<string, AwsCredentialIdentityProvider>();

  constructor(
    private readonly config: LlmLineageProviderConfig,
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly clientOptions: { maxAttempts?: number },
  ) {}

  async list(signal?: AbortSignal): Promise<LineageAccount[]> {
    const accounts = new Map<string, LineageAccount>();
    for (const accountId of this.config.accountIds) {
      accounts.set(accountId, {
        accountId,
        credentials: await this.configured(accountId),
      });
    }
    const organization = this.config.organization;
    if (organization) {
      const management = await this.configured(
        organization.managementAccountId,
      );
      const members = await this.listMembers(management, signal);
      for (const accountId of members) {
        if (
          accounts.has(accountId) ||
          organization.excludeAccountIds.includes(accountId)
        ) {
          continue;
        }
        accounts.set(accountId, {
          accountId,
          credentials:
            accountId === organization.managementAccountId
              ? management
              : this.assume(accountId, management),
        });
      }
    }
    return [...accounts.values()];
  }

  private async configured(
    accountId: string,
  ): Promise<AwsCredentialIdentityProvider> {
    const provider = await this.credentialsManager.getCredentialProvider({
      accountId,
    });
    return provider.sdkCredentialProvider;
  }

  private async listMembers(
    credentials: AwsCredentialIdentityProvider,
    signal?: AbortSignal,
  ): Promise<string[]> {
    // Organizations is a global service served from us-east-1.
    const client = new OrganizationsClient({
      region: 'us-east-1',
      credentials,
      endpoint: this.config.endpoints.organizations,
      retryMode: 'standard',
      maxAttempts: this.clientOptions.maxAttempts,
    });
    const members: string[] = [];
    await paginate(
      'ListAccounts',
      token =>
        client.send(new ListAccountsCommand({ NextToken: token }), {
          abortSignal: signal,
        }),
      page => page.NextToken,
      page => {
        for (const account of page.Accounts ?? []) {
          // Suspended and closing accounts cannot be entered.
          if (account.Id && (account.Status ?? 'ACTIVE') === 'ACTIVE') {
            members.push(account.Id);
          }
        }
      },
    );
    client.destroy();
    return members;
  }

  /** Credentials of `roleName` in the member account, renewed as they expire. */
  private assume(
    accountId: string,
    management: AwsCredentialIdentityProvider,
  ): AwsCredentialIdentityProvider {
    const cached = this.assumed.get(accountId);
    if (cached) return cached;
    const { roleName, externalId } = this.config.organization!;
    const sts = new STSClient({
      region: 'us-east-1',
      credentials: management,
      endpoint: this.config.endpoints.sts,
      retryMode: 'standard',
      maxAttempts: this.clientOptions.maxAttempts,
    });
    let current: AwsCredentialIdentity | undefined;
    let pending: Promise<AwsCredentialIdentity> | undefined;
    const provider: AwsCredentialIdentityProvider = async () => {
      const fresh =
        current &&
        (!current.expiration ||
          current.expiration.getTime() - Date.now() > RENEW_BEFORE_MS);
      if (fresh) return current!;
      pending ??= sts
        .send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
            RoleSessionName: 'backstage-llm-lineage',
            ExternalId: externalId,
          }),
        )
        .then(out => {
          const c = out.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey) {
            throw new Error(
              `AssumeRole into ${accountId} returned no credentials`,
            );
          }
          current = {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
          };
          return current;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    };
    this.assumed.set(accountId, provider);
    return provider;
  }
}
