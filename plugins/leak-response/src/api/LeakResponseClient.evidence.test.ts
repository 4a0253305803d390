import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { baseUrl, client, mswServer } from '../__testUtils__/client';

const server = mswServer();
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x33]);

describe('LeakResponseClient: the record as evidence', () => {
  it('downloads the report as PDF bytes with the name the backend gives', async () => {
    let seen: URL | undefined;
    let auth: string | null = null;
    server.use(
      http.get(`${baseUrl}/v1/incidents/i%201/report`, ({ request }) => {
        seen = new URL(request.url);
        auth = request.headers.get('authorization');
        return new HttpResponse(PDF, {
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': 'attachment; filename="incident-i 1.pdf"',
          },
        });
      }),
    );
    const file = await client().getIncidentReportFile('i 1', 'pdf');
    expect(seen?.searchParams.get('format')).toBe('pdf');
    expect(auth).toBe('Bearer guest-token');
    expect(file.filename).toBe('incident-i 1.pdf');
    expect(file.contentType).toBe('application/pdf');
    expect(new Uint8Array(await file.body.arrayBuffer())).toEqual(PDF);
  });

  it('names the markdown file itself when no header says', async () => {
    server.use(
      http.get(`${baseUrl}/v1/incidents/i-1/report`, ({ request }) =>
        HttpResponse.text(
          `# report as ${new URL(request.url).searchParams.get('format')}`,
        ),
      ),
    );
    const file = await client().getIncidentReportFile('i-1', 'markdown');
    expect(file.filename).toBe('incident-i-1.md');
    expect(await file.body.text()).toBe('# report as markdown');
  });

  it('reads the verification of the timeline chain', async () => {
    const verification = {
      incidentId: 'i-1',
      intact: false,
      count: 3,
      head: 'ab'.repeat(32),
      reason: 'the event does not match its hash: a field was changed',
      firstBroken: {
        sequence: 12,
        position: 2,
        at: '2026-12-03T09:00:00.000Z',
        type: 'status-changed',
      },
      verifiedAt: '2026-12-03T10:00:00.000Z',
    };
    server.use(
      http.get(`${baseUrl}/v1/incidents/i-1/verify`, () =>
        HttpResponse.json(verification),
      ),
    );
    await expect(client().verifyIncidentTimeline('i-1')).resolves.toEqual(
      verification,
    );
  });

  it('turns an error answer into a ResponseError with the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/v1/incidents/i-1/report`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'format: unknown format "docx"; one of markdown, pdf',
            },
            request: { method: 'GET', url: '/' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const failure = client().getIncidentReportFile('i-1', 'pdf');
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      body: {
        error: {
          message: 'format: unknown format "docx"; one of markdown, pdf',
        },
      },
    });
  });
});
