/*
 * GuardDuty S3 findings (EventBridge events, trimmed to what the parser
 * reads) on the example catalog's buckets.
 */
export const BUCKETS = [
  'shopwise-ml-clickstream-2025q3',
  'shopwise-ml-order-history-2025',
  'shopwise-ml-product-reviews-2025',
  'shopwise-ml-support-transcripts-2025',
  'shopwise-ml-clickstream-apac-2025',
  'shopwise-ml-rag-product-catalog',
  'shopwise-ml-checkout-eval',
];

export function s3Finding(options: {
  findingId: string;
  bucket: string;
  firstSeenAt: string;
  /** The revision: a later value is an update of the same finding. */
  updatedAt: string;
  severity?: number;
  title?: string;
}) {
  return {
    version: '0',
    id: `${options.findingId}-${options.updatedAt}`,
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: '111122223333',
    time: options.updatedAt,
    region: 'eu-west-1',
    resources: [],
    detail: {
      schemaVersion: '2.0',
      accountId: '111122223333',
      region: 'eu-west-1',
      id: options.findingId,
      type: 'Exfiltration:S3/AnomalousBehavior',
      title: options.title ?? `Anomalous S3 reads from ${options.bucket}`,
      severity: options.severity ?? 8.2,
      createdAt: options.firstSeenAt,
      updatedAt: options.updatedAt,
      resource: {
        resourceType: 'S3Bucket',
        s3BucketDetails: [
          {
            arn: `arn:aws:s3:::${options.bucket}`,
            name: options.bucket,
            type: 'Destination',
          },
        ],
      },
      service: {
        serviceName: 'guardduty',
        eventFirstSeen: options.firstSeenAt,
        eventLastSeen: options.updatedAt,
        count: 3,
      },
    },
  };
}
