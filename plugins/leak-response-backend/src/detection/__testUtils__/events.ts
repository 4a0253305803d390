/*
 * EventBridge events shaped like those AWS sends (trimmed to the fields the
 * parser reads, plus some it ignores), for the example catalog's resources.
 */

export function guardDutyS3Finding(overrides: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: '111122223333',
    time: '2026-11-27T10:05:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      schemaVersion: '2.0',
      accountId: '111122223333',
      region: 'eu-west-1',
      id: 'gd-clickstream-exfil-1',
      type: 'Exfiltration:S3/AnomalousBehavior',
      title: 'Anomalous S3 reads from the clickstream bucket',
      severity: 8.2,
      createdAt: '2026-11-27T10:00:00.000Z',
      updatedAt: '2026-11-27T10:04:00.000Z',
      resource: {
        resourceType: 'S3Bucket',
        s3BucketDetails: [
          {
            arn: 'arn:aws:s3:::shopwise-ml-clickstream-2025q3',
            name: 'shopwise-ml-clickstream-2025q3',
            type: 'Destination',
          },
        ],
      },
      service: {
        serviceName: 'guardduty',
        eventFirstSeen: '2026-11-27T09:41:17.000Z',
        eventLastSeen: '2026-11-27T10:03:00.000Z',
        count: 14,
        action: {
          actionType: 'AWS_API_CALL',
          awsApiCallAction: {
            api: 'GetObject',
            serviceName: 's3.amazonaws.com',
            affectedResources: {
              'AWS::S3::Bucket': 'shopwise-ml-clickstream-2025q3',
            },
          },
        },
      },
      ...overrides,
    },
  };
}

export function guardDutyCredentialFinding() {
  return {
    version: '0',
    id: 'a1b2c3d4-0000-4000-8000-000000000002',
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: '111122223333',
    time: '2026-11-27T11:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      accountId: '111122223333',
      region: 'eu-west-1',
      id: 'gd-sagemaker-cred-1',
      type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      title: 'Credentials of the recsys training role used outside AWS',
      severity: 9.1,
      createdAt: '2026-11-27T10:58:00.000Z',
      updatedAt: '2026-11-27T10:58:00.000Z',
      resource: {
        resourceType: 'AccessKey',
        accessKeyDetails: { userName: 'recsys-training-role' },
      },
      service: {
        eventFirstSeen: '2026-11-27T10:52:00.000Z',
        action: {
          actionType: 'AWS_API_CALL',
          awsApiCallAction: {
            api: 'DescribeModel',
            serviceName: 'sagemaker.amazonaws.com',
            affectedResources: {
              'AWS::SageMaker::Model':
                'arn:aws:sagemaker:eu-west-1:111122223333:model/recsys-llm-v3',
            },
          },
        },
      },
    },
  };
}

export function macieObjectFinding(
  key = 'recsys-endpoint-eu/2026/11/27/part-0001.json',
) {
  return {
    version: '0',
    id: 'b1b2c3d4-0000-4000-8000-000000000003',
    'detail-type': 'Macie Finding',
    source: 'aws.macie',
    account: '111122223333',
    time: '2026-11-27T12:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      schemaVersion: '1.0',
      id: 'macie-inference-logs-pii-1',
      accountId: '111122223333',
      region: 'eu-west-1',
      type: 'SensitiveData:S3Object/Personal',
      title: 'The S3 object contains personal information.',
      category: 'CLASSIFICATION',
      severity: { score: 2, description: 'High' },
      createdAt: '2026-11-27T11:55:00.000Z',
      updatedAt: '2026-11-27T11:55:00.000Z',
      resourcesAffected: {
        s3Bucket: {
          arn: 'arn:aws:s3:::shopwise-ml-inference-logs',
          name: 'shopwise-ml-inference-logs',
        },
        s3Object: { key, path: `shopwise-ml-inference-logs/${key}` },
      },
    },
  };
}

export function cloudWatchEndpointAlarm(state = 'ALARM') {
  return {
    version: '0',
    id: 'c1b2c3d4-0000-4000-8000-000000000004',
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '111122223333',
    time: '2026-11-27T13:00:05Z',
    region: 'eu-west-1',
    resources: [
      'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:recsys-endpoint-egress',
    ],
    detail: {
      alarmName: 'recsys-endpoint-egress',
      state: {
        value: state,
        reason:
          'Threshold Crossed: 1 datapoint [9.8E8] was greater than the threshold (5.0E8).',
        timestamp: '2026-11-27T13:00:00.000+0000',
      },
      previousState: { value: 'OK' },
      configuration: {
        metrics: [
          {
            id: 'm1',
            metricStat: {
              metric: {
                namespace: 'AWS/SageMaker',
                name: 'NetworkOut',
                dimensions: {
                  EndpointName: 'recsys-endpoint-eu',
                  VariantName: 'AllTraffic',
                },
              },
              period: 300,
              stat: 'Sum',
            },
          },
        ],
      },
    },
  };
}

/** An ARN no entity claims. */
export function guardDutyUnmappedFinding() {
  return guardDutyS3Finding({
    id: 'gd-unknown-bucket-1',
    resource: {
      resourceType: 'S3Bucket',
      s3BucketDetails: [{ arn: 'arn:aws:s3:::someone-elses-bucket' }],
    },
    service: { eventFirstSeen: '2026-11-27T08:00:00.000Z' },
  });
}
