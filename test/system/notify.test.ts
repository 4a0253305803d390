/*
 * The first notice of an incident opened by a GuardDuty finding reaches the
 * person on call by email, within seconds: a real backend process with the
 * notifications backend and its email channel, sending over SMTP to a real
 * SMTP server on loopback.
 */
import assert from 'node:assert/strict';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { LeakResponsePlan } from '@leak-response/plugin-leak-response-common';
import { Api } from './lib/api';
import { BUCKETS, s3Finding } from './lib/findings';
import { eventually, SystemHarness } from './lib/harness';

interface Mail {
  at: number;
  from: string;
  to: string[];
  data: string;
}

/** An SMTP server on a loopback port that keeps every mail it accepts. */
async function startMailbox() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', chunk => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          at: Date.now(),
          from: session.envelope.mailFrom
            ? session.envelope.mailFrom.address
            : '',
          to: session.envelope.rcptTo.map(r => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    mails,
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('the opening notice by email', { timeout: 240_000 }, () => {
  const harness = new SystemHarness('notify');
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let api: Api;

  before(async () => {
    mailbox = await startMailbox();
    const backend = harness.replica('notify', 7203, {
      smtpPort: mailbox.port,
      escalation: { enabled: false },
    });
    await backend.start();
    api = harness.api(backend);
  });

  after(async () => {
    await harness.close();
    await mailbox?.close();
  });

  it('mails the person on call for security within seconds of the finding', async () => {
    // the users and groups are in the catalog once the plan names them
    const onCall = await eventually(
      'someone on call for security, with an email',
      async () => {
        const planned = await api.request<LeakResponsePlan>(
          'GET',
          '/v1/entities/resource/default/clickstream-2025q3/plan?leakType=training-data-exposure',
        );
        const now = planned.body?.roles?.find?.(r => r.role === 'security')
          ?.onCall?.now;
        return now?.email ? { ...now, email: now.email } : undefined;
      },
      60_000,
    );

    const sentAt = Date.now();
    const now = new Date().toISOString();
    assert.equal(
      await api.ingest(
        s3Finding({
          findingId: 'notify-1',
          bucket: BUCKETS[0],
          firstSeenAt: now,
          updatedAt: now,
        }),
      ),
      202,
    );
    const mail = await eventually(
      `a mail to ${onCall.email}`,
      async () => mailbox.mails.find(m => m.to.includes(onCall.email)),
      10_000,
      50,
    );
    const seconds = (mail.at - sentAt) / 1000;
    assert.ok(seconds < 5, `the mail took ${seconds} s`);
    assert.equal(mail.from, 'leak-response@shopwise.example');
    const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m
      .exec(mail.data)?.[1]
      .replace(/\r\n[ \t]/g, ' ');
    assert.ok(subject, 'the mail has a subject');
    // the incident it links to is the one the finding opened
    const incidents = await api.allIncidents();
    const opened = incidents.find(i =>
      mail.data.includes(`/leak-response/incidents/${i.id}`),
    );
    assert.ok(opened, 'the mail links to the incident');
    const incident = await api.incident(opened.id);
    assert.equal(incident.body.sourceRef, 'notify-1');
    assert.equal(
      incident.body.originEntityRef,
      'resource:default/clickstream-2025q3',
    );
    const notified = incident.body.timeline.find(
      e => e.type === 'responders-notified',
    );
    assert.ok(notified, 'the timeline records who was told');
    assert.deepEqual(
      (notified.after as { onCall: string[] }).onCall.includes(onCall.userRef),
      true,
    );
  });
});
