import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { baseUrl, client, mswServer } from '../__testUtils__/client';

const server = mswServer();

describe('LeakResponseClient readiness', () => {
  it('fetches the readiness report with the user token', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${baseUrl}/v1/readiness`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ score: 64, assets: [], systems: [] });
      }),
    );
    const report = await client().getReadiness();
    expect(report.score).toBe(64);
    expect(authorization).toBe('Bearer guest-token');
  });

  it('downloads the inventory in the asked format with the file name the backend gives', async () => {
    let format: string | null = null;
    server.use(
      http.get(`${baseUrl}/v1/inventory`, ({ request }) => {
        format = new URL(request.url).searchParams.get('format');
        return new HttpResponse('# Record of processing activities\n', {
          headers: {
            'Content-Type': 'text/markdown; charset=utf-8',
            'Content-Disposition':
              'attachment; filename="llm-inventory-2026-12-01.md"',
          },
        });
      }),
    );
    const file = await client().getInventory('markdown');
    expect(format).toBe('markdown');
    expect(file).toEqual({
      filename: 'llm-inventory-2026-12-01.md',
      contentType: 'text/markdown; charset=utf-8',
      body: '# Record of processing activities\n',
    });
  });

  it('names the file itself when the backend gives no name', async () => {
    server.use(
      http.get(`${baseUrl}/v1/inventory`, () => new HttpResponse('a,b\r\n')),
    );
    const file = await client().getInventory('csv');
    expect(file.filename).toMatch(/^llm-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.body).toBe('a,b\r\n');
  });

  it('turns a 403 into a ResponseError naming the permission', async () => {
    server.use(
      http.get(`${baseUrl}/v1/readiness`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed: leak-response.readiness.read',
            },
            request: { method: 'GET', url: '/' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client()
      .getReadiness()
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe(
      'Not allowed: leak-response.readiness.read',
    );
  });
});
