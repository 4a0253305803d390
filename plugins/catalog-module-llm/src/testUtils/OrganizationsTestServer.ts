import { randomBytes } from 'node:crypto';
import {
  AwsTestCall,
  AwsTestReply,
  AwsTestServer,
  pageOf,
} from './AwsTestServer';

/** A member account of the fake organization. */
export interface FakeOrganizationAccount {
  id: string;
  name: string;
  status?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
}

/** One sts:AssumeRole call, for assertions. */
export interface FakeAssumeRoleCall {
  callerAccountId: string;
  roleArn: string;
  sessionName: string;
  externalId?: string;
}

const LIST_ACCOUNTS = 'AWSOrganizationsV20161128.ListAccounts';

/**
 * A local stand-in for AWS Organizations (`ListAccounts`, AWS JSON 1.1) and
 * AWS STS (`AssumeRole`, the query protocol: a form-encoded POST answered
 * in XML), for the real `@aws-sdk/client-organizations` and
 * `@aws-sdk/client-sts`. Assumed-role keys are registered with the servers
 * passed to `issueKeysTo`, so requests signed with them act in the member
 * account there.
 */
export class OrganizationsTestServer extends AwsTestServer {
  protected readonly contentType = 'application/x-amz-json-1.1';
  readonly assumeRoleCalls: FakeAssumeRoleCall[] = [];
  accounts: FakeOrganizationAccount[] = [];
  /** ListAccounts page size when the caller sets none (AWS: 20). */
  defaultPageSize = 20;
  private readonly keyHolders: AwsTestServer[] = [this];

  static async start(): Promise<OrganizationsTestServer> {
    const server = new OrganizationsTestServer();
    await server.listen();
    return server;
  }

  /** Assumed-role keys also work on these servers. */
  issueKeysTo(...servers: AwsTestServer[]): void {
    this.keyHolders.push(...servers);
  }

  protected operationOf(call: AwsTestCall): string {
    const target = call.headers['x-amz-target'];
    if (target) return String(target);
    return `STS.${new URLSearchParams(call.body.__raw ?? '').get('Action')}`;
  }

  protected answer(call: AwsTestCall): AwsTestReply {
    const operation = this.operationOf(call);
    if (operation === LIST_ACCOUNTS) {
      const result = pageOf(
        this.accounts,
        call.body.NextToken,
        call.body.MaxResults,
        this.defaultPageSize,
      );
      if ('error' in result) {
        return {
          status: 400,
          errorType: 'InvalidInputException',
          body: { message: result.error },
        };
      }
      return {
        status: 200,
        body: {
          Accounts: result.page.map(a => ({
            Id: a.id,
            Arn: `arn:aws:organizations::${call.accountId}:account/o-example/${a.id}`,
            Name: a.name,
            Email: `${a.name}@example.com`,
            Status: a.status ?? 'ACTIVE',
            JoinedMethod: 'CREATED',
            JoinedTimestamp: 1764547200,
          })),
          NextToken: result.next,
        },
      };
    }
    if (operation === 'STS.AssumeRole') {
      const form = new URLSearchParams(call.body.__raw ?? '');
      const roleArn = form.get('RoleArn') ?? '';
      const member = /^arn:aws:iam::(\d{12}):role\/.+$/.exec(roleArn)?.[1];
      this.assumeRoleCalls.push({
        callerAccountId: call.accountId,
        roleArn,
        sessionName: form.get('RoleSessionName') ?? '',
        externalId: form.get('ExternalId') ?? undefined,
      });
      if (!member) {
        return xmlError(400, 'ValidationError', `Bad RoleArn ${roleArn}`);
      }
      const accessKeyId = `ASIA${member}${randomBytes(2).toString('hex')}`;
      for (const server of this.keyHolders) {
        server.addAccount(member, accessKeyId);
      }
      const expiration = new Date(Date.now() + 3600_000).toISOString();
      return {
        status: 200,
        body: {},
        raw: {
          contentType: 'text/xml',
          text: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<AssumeRoleResult>
<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-token</SessionToken><Expiration>${expiration}</Expiration></Credentials>
<AssumedRoleUser><Arn>${roleArn}/session</Arn><AssumedRoleId>AROAEXAMPLE:session</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult>
<ResponseMetadata><RequestId>req-${this.requests.length}</RequestId></ResponseMetadata>
</AssumeRoleResponse>`,
        },
      };
    }
    return {
      status: 400,
      errorType: 'UnknownOperationException',
      body: { message: `Unsupported ${operation}` },
    };
  }
}

function xmlError(status: number, code: string, message: string): AwsTestReply {
  return {
    status,
    body: {},
    raw: {
      contentType: 'text/xml',
      text: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    },
  };
}
