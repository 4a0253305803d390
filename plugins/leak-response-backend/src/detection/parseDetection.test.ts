import {
  guardDutySeverity,
  parseDetectionEvent,
  unwrapEnvelope,
} from './parseDetection';
import {
  cloudWatchEndpointAlarm,
  guardDutyCredentialFinding,
  guardDutyS3Finding,
  macieObjectFinding,
} from './__testUtils__/events';

describe('parseDetectionEvent', () => {
  it('reads a GuardDuty S3 finding: bucket ARN, first-seen time, severity, revision', () => {
    const result = parseDetectionEvent(guardDutyS3Finding());
    expect(result).toEqual({
      ok: true,
      detection: {
        source: 'guardduty',
        findingId: 'gd-clickstream-exfil-1',
        revision: '2026-11-27T10:04:00.000Z',
        findingType: 'Exfiltration:S3/AnomalousBehavior',
        title: 'Anomalous S3 reads from the clickstream bucket',
        severity: 'high',
        firstSeenAt: '2026-11-27T09:41:17.000Z',
        resourceArns: ['arn:aws:s3:::shopwise-ml-clickstream-2025q3'],
        kind: 'data-access',
        accountId: '111122223333',
        region: 'eu-west-1',
      },
    });
  });

  it('reads a GuardDuty credential exfiltration with a SageMaker model among the affected resources', () => {
    const result = parseDetectionEvent(guardDutyCredentialFinding());
    expect(result.ok && result.detection).toMatchObject({
      findingId: 'gd-sagemaker-cred-1',
      severity: 'critical',
      kind: 'credential-exfiltration',
      firstSeenAt: '2026-11-27T10:52:00.000Z',
      resourceArns: [
        'arn:aws:sagemaker:eu-west-1:111122223333:model/recsys-llm-v3',
      ],
    });
  });

  it('builds the S3 object ARN of a Macie finding, object first, then its bucket', () => {
    const result = parseDetectionEvent(macieObjectFinding());
    expect(result.ok && result.detection).toMatchObject({
      source: 'macie',
      findingId: 'macie-inference-logs-pii-1',
      severity: 'high',
      firstSeenAt: '2026-11-27T11:55:00.000Z',
      resourceArns: [
        'arn:aws:s3:::shopwise-ml-inference-logs/recsys-endpoint-eu/2026/11/27/part-0001.json',
        'arn:aws:s3:::shopwise-ml-inference-logs',
      ],
    });
  });

  it('turns a CloudWatch alarm on a SageMaker endpoint into an egress anomaly on the endpoint ARN', () => {
    const result = parseDetectionEvent(cloudWatchEndpointAlarm());
    expect(result.ok && result.detection).toMatchObject({
      source: 'cloudwatch',
      findingId:
        'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:recsys-endpoint-egress@2026-11-27T13:00:00.000Z',
      kind: 'egress-anomaly',
      severity: 'high',
      firstSeenAt: '2026-11-27T13:00:00.000Z',
      resourceArns: [
        'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/recsys-endpoint-eu',
      ],
    });
  });

  it('ignores an alarm going back to OK, with the reason', () => {
    expect(parseDetectionEvent(cloudWatchEndpointAlarm('OK'))).toEqual({
      ok: false,
      reason:
        'CloudWatch alarm recsys-endpoint-egress: state OK, only ALARM opens a detection',
    });
  });

  it('reads events wrapped in an SNS envelope or sent as a JSON string', () => {
    const event = guardDutyS3Finding();
    const sns = {
      Type: 'Notification',
      MessageId: 'x',
      Message: JSON.stringify(event),
    };
    expect(unwrapEnvelope(sns)).toEqual(event);
    expect(parseDetectionEvent(JSON.stringify(sns)).ok).toBe(true);
    expect(parseDetectionEvent(Buffer.from(JSON.stringify(event))).ok).toBe(
      true,
    );
  });

  it.each([
    [null, 'payload is not a JSON object (null)'],
    [42, 'payload is not a JSON object (number)'],
    ['not json', 'payload is not a JSON object (string)'],
    [{}, 'not an EventBridge event: source or detail-type missing'],
    [
      {
        source: 'aws.ec2',
        'detail-type': 'EC2 Instance State-change Notification',
        detail: {},
      },
      'unsupported event: source aws.ec2, detail-type EC2 Instance State-change Notification',
    ],
    [
      {
        source: 'aws.guardduty',
        'detail-type': 'GuardDuty Finding',
        detail: [],
      },
      'aws.guardduty event without an object detail',
    ],
    [
      {
        source: 'aws.guardduty',
        'detail-type': 'GuardDuty Finding',
        detail: { id: 'x' },
      },
      'GuardDuty finding without detail.id or detail.type',
    ],
  ])('ignores %p: %s', (payload, reason) => {
    expect(parseDetectionEvent(payload)).toEqual({ ok: false, reason });
  });

  it('refuses a finding whose first-seen time is not a date', () => {
    const event = guardDutyS3Finding({
      createdAt: 'yesterday',
      service: { eventFirstSeen: 'soon' },
    });
    (event as any).time = undefined;
    expect(parseDetectionEvent(event)).toEqual({
      ok: false,
      reason:
        'GuardDuty finding gd-clickstream-exfil-1: no valid first-seen time',
    });
  });

  it('maps GuardDuty severity scores the way GuardDuty labels them', () => {
    expect([1, 3.9, 4, 6.9, 7, 8.9, 9, 10, 'x'].map(guardDutySeverity)).toEqual(
      [
        'low',
        'low',
        'medium',
        'medium',
        'high',
        'high',
        'critical',
        'critical',
        'medium',
      ],
    );
  });
});
