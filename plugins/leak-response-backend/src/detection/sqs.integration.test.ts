/*
 * The SQS detection path end to end with real parts: a queue on a local SQS
 * server, the real @backstage/plugin-events-backend-module-aws-sqs (its AWS
 * SDK v3 client and Backstage's scheduler) publishing to a detection
 * topic, this plugin's subscriber, and the real
 * catalog backend with the example catalog mapping the ARN to an entity.
 * On SQLite and PostgreSQL.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import eventsModuleAwsSqsConsumingEventPublisher from '@backstage/plugin-events-backend-module-aws-sqs';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import request from 'supertest';
import { startCatalogBackend } from '../__testUtils__/catalogBackend';
import {
  guardDutyCredentialFinding,
  guardDutyS3Finding,
} from './__testUtils__/events';
import { SqsTestServer } from './__testUtils__/SqsTestServer';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
// The module reads its topics as config keys, and a dot in a key is a path
// separator: the default topic `leak-response.aws-findings` cannot be named
// there, so the SQS topic has no dots and is added to the plugin's topics.
const TOPIC = 'leak-response-sqs-findings';

/** Polls `probe` every 100 ms until it returns a value, for up to 60 s. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > 60_000) throw new Error(`timed out: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** An SNS notification as SQS delivers it when subscribed to an SNS topic. */
function snsEnvelope(event: unknown) {
  return {
    Type: 'Notification',
    MessageId: '7c1a4e0f-0000-4000-8000-000000000501',
    TopicArn: 'arn:aws:sns:eu-west-1:111122223333:security-findings',
    Message: JSON.stringify(event),
    Timestamp: '2026-11-27T11:00:01.000Z',
  };
}

describe.each(databases.eachSupportedId())(
  'detection from an SQS queue on %p',
  databaseId => {
    let sqs: SqsTestServer | undefined;
    let backend: Awaited<ReturnType<typeof startCatalogBackend>> | undefined;
    let server: any;
    let queueUrl: string;
    const savedEnv = { ...process.env };

    beforeAll(async () => {
      // The SDK's default credential chain reads these first; the local
      // server does not check signatures, but the client must sign.
      process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
      process.env.AWS_SECRET_ACCESS_KEY = 'sqs-test-secret';
      sqs = await SqsTestServer.start();
      queueUrl = sqs.createQueue('111122223333', 'leak-response-findings');
      const sharedEvents = mockServices.events();
      backend = await startCatalogBackend({
        databaseId,
        leakResponse: {
          escalation: { enabled: false },
          detection: { topics: ['leak-response.aws-findings', TOPIC] },
        },
        config: {
          events: {
            modules: {
              awsSqs: {
                awsSqsConsumingEventPublisher: {
                  topics: {
                    [TOPIC]: {
                      queue: {
                        url: queueUrl,
                        region: 'eu-west-1',
                        // the queue URL's host would be used anyway; naming
                        // it keeps the SDK from warning on the console
                        endpoint: sqs.endpoint,
                        waitTime: { seconds: 1 },
                        visibilityTimeout: { seconds: 30 },
                      },
                      waitTimeAfterEmptyReceive: { milliseconds: 100 },
                      timeout: { seconds: 30 },
                    },
                  },
                },
              },
            },
          },
        },
        features: [
          eventsPlugin,
          eventsModuleAwsSqsConsumingEventPublisher,
          // the real scheduler: the module polls in a local task that runs
          // again and again (the mock scheduler runs each task once)
          schedulerServiceFactory,
          // one in-process events service for the publisher and subscriber
          createServiceFactory({
            service: eventsServiceRef,
            deps: {},
            factory: () => sharedEvents,
          }),
        ],
      });
      server = backend.server;
      // Only put findings on the queue once the catalog can map their ARNs.
      const started = backend.server;
      await Promise.all(
        ['clickstream-2025q3', 'recsys-llm-v3'].map(name =>
          eventually(`catalog has ${name}`, async () => {
            const res = await request(started)
              .get(`/api/catalog/entities/by-name/resource/default/${name}`)
              .set('Authorization', mockCredentials.user.header());
            return res.status === 200 ? true : undefined;
          }),
        ),
      );
    });

    afterAll(async () => {
      await backend?.stop();
      await sqs?.close();
      process.env = savedEnv;
    });

    const api = (route: string) =>
      request(server)
        .get(`/api/leak-response${route}`)
        .set('Authorization', mockCredentials.user.header());
    const incidentBySourceRef = async (sourceRef: string) => {
      const list = await api('/v1/incidents');
      expect(list.status).toBe(200);
      for (const item of list.body.items as Array<{ id: string }>) {
        const detail = await api(`/v1/incidents/${item.id}`);
        if (detail.body.sourceRef === sourceRef) return detail.body;
      }
      return undefined;
    };

    it('opens a triage incident for a GuardDuty S3 finding on the queue and deletes the message', async () => {
      const body = JSON.stringify(guardDutyS3Finding());
      const messageId = sqs!.sendMessage(queueUrl, body);
      const incident = await eventually('incident for the S3 finding', () =>
        incidentBySourceRef('gd-clickstream-exfil-1'),
      );
      expect(incident).toMatchObject({
        status: 'triage',
        source: 'guardduty',
        sourceRef: 'gd-clickstream-exfil-1',
        originEntityRef: 'resource:default/clickstream-2025q3',
        detectedAt: '2026-11-27T09:41:17.000Z',
      });
      await eventually('message deleted', async () =>
        sqs!.deletes.some(d => d.messageId === messageId) ? true : undefined,
      );
      expect(sqs!.deletes.find(d => d.messageId === messageId)).toEqual({
        queuePath: '/111122223333/leak-response-findings',
        messageId,
        body,
      });
      expect(sqs!.depth(queueUrl)).toBe(0);
      expect(sqs!.operations).toContain('ReceiveMessage');
      expect(sqs!.operations).toContain('DeleteMessageBatch');
    });

    it('unwraps a finding that arrives in an SNS envelope', async () => {
      const messageId = sqs!.sendMessage(
        queueUrl,
        JSON.stringify(snsEnvelope(guardDutyCredentialFinding())),
      );
      const incident = await eventually('incident for the SNS finding', () =>
        incidentBySourceRef('gd-sagemaker-cred-1'),
      );
      expect(incident).toMatchObject({
        status: 'triage',
        source: 'guardduty',
        sourceRef: 'gd-sagemaker-cred-1',
        originEntityRef: 'resource:default/recsys-llm-v3',
      });
      await eventually('SNS message deleted', async () =>
        sqs!.deletes.some(d => d.messageId === messageId) ? true : undefined,
      );
    });

    it('opens no second incident when the same finding is redelivered', async () => {
      const before = await api('/v1/incidents');
      expect(before.body.totalCount).toBe(2);
      // SQS delivers at least once: the same finding again as new messages
      // (plain and SNS-wrapped, several at once), then a later revision of
      // it, which is the one redelivery the incident's timeline shows
      const ids = [
        sqs!.sendMessage(queueUrl, JSON.stringify(guardDutyS3Finding())),
        sqs!.sendMessage(
          queueUrl,
          JSON.stringify(snsEnvelope(guardDutyS3Finding())),
        ),
        sqs!.sendMessage(
          queueUrl,
          JSON.stringify(snsEnvelope(guardDutyCredentialFinding())),
        ),
        sqs!.sendMessage(
          queueUrl,
          JSON.stringify(
            guardDutyS3Finding({ updatedAt: '2026-11-27T10:30:00.000Z' }),
          ),
        ),
      ];
      const original = await incidentBySourceRef('gd-clickstream-exfil-1');
      const updates = (incident: { timeline: Array<{ type: string }> }) =>
        incident.timeline.filter(e => e.type === 'detection-updated');
      const updated = await eventually(
        'later revision on the timeline',
        async () => {
          const detail = await api(`/v1/incidents/${original.id}`);
          return updates(detail.body).length > 0 ? detail.body : undefined;
        },
      );
      await eventually('redelivered messages deleted', async () =>
        ids.every(id => sqs!.deletes.some(d => d.messageId === id))
          ? true
          : undefined,
      );
      // the module publishes without awaiting the subscriber: let the exact
      // copies settle too before counting
      await new Promise(resolve => setTimeout(resolve, 1_000));
      const after = await api('/v1/incidents');
      expect(after.body.totalCount).toBe(2);
      expect(
        (after.body.items as Array<{ originEntityRef: string }>)
          .map(i => i.originEntityRef)
          .sort(),
      ).toEqual([
        'resource:default/clickstream-2025q3',
        'resource:default/recsys-llm-v3',
      ]);
      const final = (await api(`/v1/incidents/${original.id}`)).body;
      expect(updates(final)).toHaveLength(1);
      expect(updates(updated)[0]).toMatchObject({
        after: {
          source: 'guardduty',
          findingId: 'gd-clickstream-exfil-1',
          revision: '2026-11-27T10:30:00.000Z',
        },
      });
      expect(final.status).toBe('triage');
      expect(sqs!.depth(queueUrl)).toBe(0);
    });
  },
);
