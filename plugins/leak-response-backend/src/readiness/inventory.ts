import {
  combinedDataCategoryFlags,
  DataCategoryVocabulary,
  LABEL_UNCLASSIFIED,
  LLM_LINEAGE_FIELDS,
  LlmEntity,
  regionCountry,
} from '@leak-response/plugin-leak-response-common';
import { entityKey, normalizeRef } from '../plan/impact/lineage';

/** One line of the inventory: an LLM asset as a record of processing. */
export interface InventoryRow {
  entityRef: string;
  title: string;
  type: string;
  system: string;
  owner: string;
  lifecycle: string;
  dataCategories: string[];
  /** yes / no / unknown (nothing declared) */
  personalData: string;
  specialCategory: string;
  dataSubjects: string[];
  approxDataSubjects: string;
  /** `eu-west-1 (IE)` */
  regions: string[];
  purpose: string;
  /** `trainedOn: resource:default/x` per reference. */
  lineage: string[];
  arn: string;
  unclassified: string;
}

const COLUMNS: ReadonlyArray<{ key: keyof InventoryRow; title: string }> = [
  { key: 'entityRef', title: 'Entity' },
  { key: 'title', title: 'Title' },
  { key: 'type', title: 'Type' },
  { key: 'system', title: 'System' },
  { key: 'owner', title: 'Owner' },
  { key: 'lifecycle', title: 'Lifecycle' },
  { key: 'dataCategories', title: 'Data categories' },
  { key: 'personalData', title: 'Personal data' },
  { key: 'specialCategory', title: 'Special category' },
  { key: 'dataSubjects', title: 'Data subjects' },
  { key: 'approxDataSubjects', title: 'Approx. data subjects' },
  { key: 'regions', title: 'Regions' },
  { key: 'purpose', title: 'Purpose' },
  { key: 'lineage', title: 'Lineage' },
  { key: 'arn', title: 'AWS ARN' },
  { key: 'unclassified', title: 'Unclassified' },
];

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** The inventory row of an asset. */
export function inventoryRow(
  asset: LlmEntity,
  vocabulary: DataCategoryVocabulary,
): InventoryRow {
  const namespace = asset.metadata.namespace ?? 'default';
  const ref = (value: unknown, defaultKind: string) =>
    normalizeRef(value, { defaultKind, defaultNamespace: namespace }) ?? '';
  const categories = strings(asset.spec.dataCategories);
  const declared = Array.isArray(asset.spec.dataCategories);
  const flags = combinedDataCategoryFlags(categories, vocabulary);
  const yesNo = (flag: boolean) => {
    if (!declared) return 'unknown';
    return flag ? 'yes' : 'no';
  };
  const lineage = LLM_LINEAGE_FIELDS.flatMap(({ field }) =>
    strings(asset.spec[field as keyof typeof asset.spec]).map(
      value => `${field}: ${ref(value, 'resource') || value}`,
    ),
  );
  return {
    entityRef: entityKey(asset),
    title: asset.metadata.title ?? '',
    type: asset.spec.type,
    system: ref(asset.spec.system, 'system'),
    owner: ref(asset.spec.owner, 'group'),
    lifecycle: asset.spec.lifecycle ?? '',
    dataCategories: categories,
    personalData: yesNo(flags.personal),
    specialCategory: yesNo(flags.specialCategory),
    dataSubjects: strings(asset.spec.dataSubjects),
    approxDataSubjects:
      typeof asset.spec.approxDataSubjects === 'number'
        ? String(asset.spec.approxDataSubjects)
        : '',
    regions: strings(asset.spec.regions).map(region => {
      const country = regionCountry(region);
      return country ? `${region} (${country})` : region;
    }),
    purpose: asset.spec.type === 'llm-dataset' ? asset.spec.purpose ?? '' : '',
    lineage,
    arn: asset.metadata.annotations?.['amazonaws.com/arn'] ?? '',
    unclassified:
      asset.metadata.labels?.[LABEL_UNCLASSIFIED] === 'true' ? 'yes' : 'no',
  };
}

function cellText(value: string | string[], separator: string): string {
  return Array.isArray(value) ? value.join(separator) : value;
}

function csvCell(raw: string): string {
  // A leading =, +, -, @, tab or CR makes spreadsheets evaluate the cell as a
  // formula; a quote mark in front keeps it text (CSV injection).
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header line, CRLF line ends, lists joined by "; ". */
export function inventoryCsv(rows: InventoryRow[]): string {
  const lines = [
    COLUMNS.map(c => csvCell(c.title)).join(','),
    ...rows.map(row =>
      COLUMNS.map(c => csvCell(cellText(row[c.key], '; '))).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function markdownCell(raw: string): string {
  return raw
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>*_`[\]]/g, c => `\\${c}`)
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A markdown document: a heading, when and how many, one table. */
export function inventoryMarkdown(
  rows: InventoryRow[],
  options: { generatedAt: string; organisation?: string },
): string {
  const header = `| ${COLUMNS.map(c => c.title).join(' | ')} |`;
  const rule = `|${COLUMNS.map(() => ' --- |').join('')}`;
  const body = rows.map(
    row =>
      `| ${COLUMNS.map(c => markdownCell(cellText(row[c.key], ', '))).join(
        ' | ',
      )} |`,
  );
  return [
    `# Record of processing activities: LLM assets${
      options.organisation ? ` of ${markdownCell(options.organisation)}` : ''
    }`,
    '',
    `Generated ${options.generatedAt} from the software catalog: ${
      rows.length
    } asset${
      rows.length === 1 ? '' : 's'
    } (models, datasets and endpoints) with their owner, data categories, data subjects, regions and lineage.`,
    '',
    header,
    rule,
    ...body,
    '',
  ].join('\n');
}
