import {
  Finding,
  GetFindingsCommand,
  ListFindingsCommand,
  Macie2Client,
} from '@aws-sdk/client-macie2';
import { macieDetectionCategory } from '@leak-response/plugin-leak-response-common';
import { paginate } from './paginate';
import { LineageCollector, LocationFinding, SliceLineage } from './types';

/** ListFindings and GetFindings take at most 50 ids at a time. */
const MACIE_PAGE_LIMIT = 50;

/**
 * Reads Amazon Macie's sensitive-data findings (category `CLASSIFICATION`,
 * from classification jobs and automated sensitive data discovery, not
 * archived) in one account and region, as data categories found in S3
 * objects. They become suggestions on the datasets that claim the objects;
 * they never change what an owner declares.
 */
export class MacieCollector implements LineageCollector {
  readonly source = 'macie' as const;

  constructor(
    private readonly client: Macie2Client,
    private readonly options: { pageSize: number },
  ) {}

  async collect(slice: SliceLineage, signal?: AbortSignal): Promise<void> {
    const send = { abortSignal: signal };
    const findings: LocationFinding[] = (slice.findings ??= []);
    const pageSize = Math.min(this.options.pageSize, MACIE_PAGE_LIMIT);
    slice.pages += await paginate(
      'ListFindings',
      token =>
        this.client.send(
          new ListFindingsCommand({
            findingCriteria: {
              criterion: {
                category: { eq: ['CLASSIFICATION'] },
                archived: { eq: ['false'] },
              },
            },
            maxResults: pageSize,
            nextToken: token,
          }),
          send,
        ),
      page => page.nextToken,
      async page => {
        const ids = page.findingIds ?? [];
        if (ids.length === 0) return;
        const described = await this.client.send(
          new GetFindingsCommand({ findingIds: ids }),
          send,
        );
        slice.pages += 1;
        for (const finding of described.findings ?? []) {
          findings.push(...locationFindings(finding));
        }
      },
    );
  }
}

/** The categories one Macie finding shows, by the object it names. */
export function locationFindings(finding: Finding): LocationFinding[] {
  const bucket = finding.resourcesAffected?.s3Bucket?.name;
  if (!bucket) return [];
  const key = finding.resourcesAffected?.s3Object?.key;
  const location = `arn:aws:s3:::${bucket}${key ? `/${key}` : ''}`;
  const seenAt = toIso(finding.updatedAt ?? finding.createdAt);
  const byCategory = new Map<string, Record<string, number>>();
  for (const group of finding.classificationDetails?.result?.sensitiveData ??
    []) {
    for (const detection of group.detections ?? []) {
      const category = macieDetectionCategory(group.category, detection.type);
      if (!category || !detection.type) continue;
      const counts = byCategory.get(category) ?? {};
      counts[detection.type] =
        (counts[detection.type] ?? 0) + Number(detection.count ?? 0);
      byCategory.set(category, counts);
    }
  }
  return [...byCategory].map(([category, detections]) => ({
    location,
    category,
    detections,
    seenAt,
    source: 'macie' as const,
  }));
}

function toIso(value: Date | string | undefined): string {
  if (value instanceof Date) return value.toISOString();
  return value ?? new Date(0).toISOString();
}
