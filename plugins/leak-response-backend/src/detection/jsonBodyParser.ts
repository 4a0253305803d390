import { InputError } from '@backstage/errors';
import { HttpBodyParser } from '@backstage/plugin-events-node';

/**
 * The events backend's `application/json` parser, except that a missing or
 * malformed body is the sender's error (400), not the server's (the stock
 * parser lets `JSON.parse` throw, which answers 500).
 */
export const strictJsonBodyParser: HttpBodyParser = async (
  request,
  parsedMediaType,
  topic,
) => {
  const body: unknown = request.body;
  if (!Buffer.isBuffer(body)) {
    throw new InputError(`body: an event for topic ${topic} needs a body`);
  }
  const encoding = parsedMediaType.parameters.charset ?? 'utf-8';
  if (!Buffer.isEncoding(encoding)) {
    throw new InputError(`charset: unsupported charset ${encoding}`);
  }
  try {
    return {
      bodyParsed: JSON.parse(body.toString(encoding)),
      bodyBuffer: body,
      encoding,
    };
  } catch (error) {
    throw new InputError(
      `body: not valid JSON (${(error as Error).message.slice(0, 200)})`,
    );
  }
};
