/*
 * A local stand-in for Amazon SQS at the HTTP boundary, so that the real
 * AWS SDK v3 client (inside @backstage/plugin-events-backend-module-aws-sqs)
 * can be tested end to end. It speaks the AWS JSON 1.0 protocol that
 * @aws-sdk/client-sqs uses (POST /, `X-Amz-Target: AmazonSQS.<Operation>`)
 * for the three operations the module calls: ReceiveMessage, DeleteMessage
 * and DeleteMessageBatch. Queues are in memory and keyed by queue URL path
 * (`/<account>/<name>`); every delete is recorded for assertions.
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';

interface StoredMessage {
  messageId: string;
  body: string;
  receiptHandle?: string;
  /** Epoch ms until which a received message stays invisible. */
  invisibleUntil: number;
  receiveCount: number;
}

/** A delete the client made. */
export interface RecordedDelete {
  queuePath: string;
  messageId: string;
  body: string;
}

/** SQS caps a long poll at 20 s; this server also caps it for fast tests. */
const MAX_WAIT_MS = 1_000;
const DEFAULT_VISIBILITY_SECONDS = 30;

class SqsError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

export class SqsTestServer {
  readonly deletes: RecordedDelete[] = [];
  /** Operations received, in order (e.g. `ReceiveMessage`). */
  readonly operations: string[] = [];
  readonly #queues = new Map<string, StoredMessage[]>();
  readonly #waiters = new Set<() => void>();
  #server?: http.Server;
  #url?: string;

  /** Starts listening on a free loopback port. */
  static async start(): Promise<SqsTestServer> {
    const sqs = new SqsTestServer();
    const server = http.createServer((req, res) => sqs.#handle(req, res));
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    sqs.#server = server;
    sqs.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return sqs;
  }

  /** `http://127.0.0.1:<port>`, the endpoint for the SDK client. */
  get endpoint(): string {
    if (!this.#url) throw new Error('SqsTestServer is not started');
    return this.#url;
  }

  /** Creates the queue if it does not exist; returns its URL. */
  createQueue(account: string, name: string): string {
    const path = `/${account}/${name}`;
    if (!this.#queues.has(path)) this.#queues.set(path, []);
    return `${this.endpoint}${path}`;
  }

  /** Puts a message on a queue as SendMessage would; returns its id. */
  sendMessage(queueUrl: string, body: string): string {
    const queue = this.#queue(queueUrl);
    const messageId = randomUUID();
    queue.push({ messageId, body, invisibleUntil: 0, receiveCount: 0 });
    for (const wake of [...this.#waiters]) wake();
    return messageId;
  }

  /** Messages still on the queue (visible or in flight). */
  depth(queueUrl: string): number {
    return this.#queue(queueUrl).length;
  }

  async close(): Promise<void> {
    for (const wake of [...this.#waiters]) wake();
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }

  #queue(queueUrl: string): StoredMessage[] {
    const path = new URL(queueUrl).pathname;
    const queue = this.#queues.get(path);
    if (!queue) {
      throw new SqsError(
        'com.amazonaws.sqs#QueueDoesNotExist',
        `The specified queue does not exist: ${path}`,
      );
    }
    return queue;
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': randomUUID(),
      });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith('AmazonSQS.')) {
        throw new SqsError(
          'com.amazonaws.sqs#InvalidAction',
          `expected a POST with X-Amz-Target AmazonSQS.*, got ${req.method} ${target}`,
        );
      }
      const operation = target.slice('AmazonSQS.'.length);
      this.operations.push(operation);
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      switch (operation) {
        case 'ReceiveMessage':
          reply(200, await this.#receive(input));
          return;
        case 'DeleteMessage':
          this.#delete(input.QueueUrl, input.ReceiptHandle);
          reply(200, {});
          return;
        case 'DeleteMessageBatch':
          reply(200, this.#deleteBatch(input));
          return;
        default:
          throw new SqsError(
            'com.amazonaws.sqs#InvalidAction',
            `unsupported operation ${operation}`,
          );
      }
    } catch (error) {
      const e =
        error instanceof SqsError
          ? error
          : new SqsError('com.amazonaws.sqs#InternalError', String(error), 500);
      reply(e.status, { __type: e.type, message: e.message });
    }
  }

  async #receive(input: {
    QueueUrl: string;
    MaxNumberOfMessages?: number;
    WaitTimeSeconds?: number;
    VisibilityTimeout?: number;
  }) {
    const queue = this.#queue(input.QueueUrl);
    const max = Math.min(Math.max(input.MaxNumberOfMessages ?? 1, 1), 10);
    const waitMs = Math.min((input.WaitTimeSeconds ?? 0) * 1000, MAX_WAIT_MS);
    const visibleMessages = () =>
      queue.filter(m => m.invisibleUntil <= Date.now()).slice(0, max);
    let batch = visibleMessages();
    if (batch.length === 0 && waitMs > 0 && this.#server) {
      await new Promise<void>(resolve => {
        let timer: NodeJS.Timeout | undefined = undefined;
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        timer = setTimeout(wake, waitMs);
        this.#waiters.add(wake);
      });
      batch = visibleMessages();
    }
    const visibility =
      (input.VisibilityTimeout ?? DEFAULT_VISIBILITY_SECONDS) * 1000;
    return {
      Messages: batch.map(m => {
        m.receiptHandle = randomUUID();
        m.invisibleUntil = Date.now() + visibility;
        m.receiveCount += 1;
        return {
          MessageId: m.messageId,
          ReceiptHandle: m.receiptHandle,
          // the SDK checks this and rejects the response if it differs
          MD5OfBody: createHash('md5').update(m.body).digest('hex'),
          Body: m.body,
          Attributes: { ApproximateReceiveCount: String(m.receiveCount) },
        };
      }),
    };
  }

  #delete(queueUrl: string, receiptHandle: string) {
    const queue = this.#queue(queueUrl);
    const index = queue.findIndex(m => m.receiptHandle === receiptHandle);
    if (index < 0) {
      throw new SqsError(
        'com.amazonaws.sqs#ReceiptHandleIsInvalid',
        `unknown receipt handle ${receiptHandle}`,
      );
    }
    const [message] = queue.splice(index, 1);
    this.deletes.push({
      queuePath: new URL(queueUrl).pathname,
      messageId: message.messageId,
      body: message.body,
    });
  }

  #deleteBatch(input: {
    QueueUrl: string;
    Entries: Array<{ Id: string; ReceiptHandle: string }>;
  }) {
    const Successful: Array<{ Id: string }> = [];
    const Failed: Array<{
      Id: string;
      Code: string;
      Message: string;
      SenderFault: boolean;
    }> = [];
    for (const entry of input.Entries ?? []) {
      try {
        this.#delete(input.QueueUrl, entry.ReceiptHandle);
        Successful.push({ Id: entry.Id });
      } catch (error) {
        if (!(error instanceof SqsError)) throw error;
        Failed.push({
          Id: entry.Id,
          Code: error.type.replace(/^.*#/, ''),
          Message: error.message,
          SenderFault: true,
        });
      }
    }
    return { Successful, Failed };
  }
}
