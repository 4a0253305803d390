import {
  AwsTestCall,
  AwsTestReply,
  AwsTestServer,
  pageOf,
} from './AwsTestServer';

/** One Macie finding on an S3 object. */
export interface FakeMacieFinding {
  id: string;
  bucket: string;
  key?: string;
  /** `CLASSIFICATION` (sensitive data) or `POLICY`. Default CLASSIFICATION. */
  category?: 'CLASSIFICATION' | 'POLICY';
  archived?: boolean;
  updatedAt?: string;
  /** Detections by Macie group, e.g. `{ FINANCIAL_INFORMATION: { CREDIT_CARD_NUMBER: 3 } }`. */
  sensitiveData?: Record<string, Record<string, number>>;
}

const UPDATED = '2026-11-20T08:00:00Z';

/**
 * A local stand-in for Amazon Macie (REST-JSON: `POST /findings` lists
 * finding ids with `findingCriteria`, `maxResults` ≤ 50 and `nextToken`;
 * `POST /findings/describe` returns up to 50 findings by id), for the real
 * `@aws-sdk/client-macie2` pointed at it with `endpoint`. Criteria `eq` on
 * `category` and `archived` are applied as Macie does; other criteria are
 * refused, so a client sending something else fails the test.
 */
export class MacieTestServer extends AwsTestServer {
  protected readonly contentType = 'application/json';
  private readonly data = new Map<string, FakeMacieFinding[]>();

  static async start(): Promise<MacieTestServer> {
    const server = new MacieTestServer();
    await server.listen();
    return server;
  }

  setFindings(accountId: string, region: string, findings: FakeMacieFinding[]) {
    this.data.set(`${accountId}/${region}`, findings);
  }

  protected operationOf(call: AwsTestCall): string {
    return `${call.method} ${call.path.replace(/\/+$/, '')}`;
  }

  protected answer(call: AwsTestCall): AwsTestReply {
    const findings = this.data.get(`${call.accountId}/${call.region}`) ?? [];
    const route = `${call.method} ${call.path.replace(/\/+$/, '')}`;
    if (route === 'POST /findings') {
      const { maxResults, nextToken, findingCriteria } = call.body;
      if (maxResults !== undefined && (maxResults < 1 || maxResults > 50)) {
        return error(400, 'ValidationException', 'maxResults must be 1–50');
      }
      const criteria: Record<string, { eq?: string[] }> =
        findingCriteria?.criterion ?? {};
      for (const field of Object.keys(criteria)) {
        if (field !== 'category' && field !== 'archived') {
          return error(400, 'ValidationException', `unsupported ${field}`);
        }
      }
      const matching = findings.filter(
        f =>
          (!criteria.category?.eq ||
            criteria.category.eq.includes(f.category ?? 'CLASSIFICATION')) &&
          (!criteria.archived?.eq ||
            criteria.archived.eq.includes(String(f.archived ?? false))),
      );
      const result = pageOf(matching, nextToken, maxResults, 50);
      if ('error' in result) {
        return error(400, 'ValidationException', result.error);
      }
      return ok({
        findingIds: result.page.map(f => f.id),
        nextToken: result.next,
      });
    }
    if (route === 'POST /findings/describe') {
      const ids: string[] = call.body.findingIds ?? [];
      if (ids.length === 0 || ids.length > 50) {
        return error(
          400,
          'ValidationException',
          'findingIds must list 1–50 ids',
        );
      }
      return ok({
        findings: findings
          .filter(f => ids.includes(f.id))
          .map(f => describe(f, call)),
      });
    }
    return error(404, 'ResourceNotFoundException', `no route ${route}`);
  }
}

function describe(finding: FakeMacieFinding, call: AwsTestCall) {
  const updatedAt = finding.updatedAt ?? UPDATED;
  return {
    id: finding.id,
    accountId: call.accountId,
    region: call.region,
    category: finding.category ?? 'CLASSIFICATION',
    type: 'SensitiveData:S3Object/Multiple',
    archived: finding.archived ?? false,
    createdAt: updatedAt,
    updatedAt,
    count: 1,
    resourcesAffected: {
      s3Bucket: {
        arn: `arn:aws:s3:::${finding.bucket}`,
        name: finding.bucket,
      },
      ...(finding.key
        ? {
            s3Object: {
              bucketArn: `arn:aws:s3:::${finding.bucket}`,
              key: finding.key,
              path: `${finding.bucket}/${finding.key}`,
            },
          }
        : {}),
    },
    classificationDetails: {
      detailedResultsLocation: `s3://macie-results/${finding.id}.jsonl.gz`,
      originType: 'AUTOMATED_SENSITIVE_DATA_DISCOVERY',
      result: {
        status: { code: 'COMPLETE' },
        sensitiveData: Object.entries(finding.sensitiveData ?? {}).map(
          ([category, detections]) => ({
            category,
            totalCount: Object.values(detections).reduce((a, b) => a + b, 0),
            detections: Object.entries(detections).map(([type, count]) => ({
              type,
              count,
            })),
          }),
        ),
      },
    },
  };
}

function ok(body: unknown): AwsTestReply {
  return { status: 200, body };
}

function error(status: number, errorType: string, message: string) {
  return { status, errorType, body: { message } };
}
