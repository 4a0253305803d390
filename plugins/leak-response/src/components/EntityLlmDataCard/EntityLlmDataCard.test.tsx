import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { EntityLlmDataCard } from './EntityLlmDataCard';

function resource(spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'recsys-llm-v3' },
    spec: {
      type: 'llm-model',
      owner: 'group:ml-platform',
      ...spec,
    } as Entity['spec'],
  };
}

type ConfigData = NonNullable<Parameters<typeof mockApis.config>[0]>['data'];

async function render(entity: Entity, config: ConfigData = {}) {
  return renderInTestApp(
    <TestApiProvider apis={[[configApiRef, mockApis.config({ data: config })]]}>
      <EntityProvider entity={entity}>
        <EntityLlmDataCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** The list item of a data category, to check its own description and flags. */
function categoryItem(id: string): HTMLElement {
  const item = screen.getByText(id).closest('li');
  if (!item) {
    throw new Error(`no list item for ${id}`);
  }
  return item;
}

jest.setTimeout(30_000);

describe('EntityLlmDataCard', () => {
  it('shows categories with descriptions and flags, regions with country, subjects and controls', async () => {
    await render(
      resource({
        dataCategories: [
          'personal.special',
          'payment.card',
          'proprietary.model-weights',
        ],
        regions: ['eu-west-1', 'ap-southeast-1'],
        dataSubjects: ['EU', 'US-CA'],
        approxDataSubjects: 2400000,
        controls: { guardduty: true, macie: false },
      }),
    );

    expect(screen.getByText('Data held')).toBeInTheDocument();

    const special = within(categoryItem('personal.special'));
    expect(
      special.getByText(/GDPR Art\. 9 special categories/),
    ).toBeInTheDocument();
    expect(special.getByText('Personal data')).toBeInTheDocument();
    expect(
      special.getByText('Special category (GDPR Art. 9)'),
    ).toBeInTheDocument();
    expect(special.queryByText('Card data (PCI DSS)')).not.toBeInTheDocument();

    const card = within(categoryItem('payment.card'));
    expect(card.getByText('Card data (PCI DSS)')).toBeInTheDocument();
    expect(card.getByText('Personal data')).toBeInTheDocument();

    const weights = within(categoryItem('proprietary.model-weights'));
    expect(weights.getByText('Proprietary')).toBeInTheDocument();
    expect(weights.queryByText('Personal data')).not.toBeInTheDocument();

    expect(
      screen.getByText('Europe (Ireland), hosted in IE'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Asia Pacific (Singapore), hosted in SG'),
    ).toBeInTheDocument();

    expect(screen.getByText('EU')).toBeInTheDocument();
    expect(screen.getByText('US-CA')).toBeInTheDocument();
    expect(
      screen.getByText('Approximately 2,400,000 people.'),
    ).toBeInTheDocument();

    const control = (name: string) =>
      within(screen.getByText(name).closest('li')!);
    expect(control('guardduty').getByText('enabled')).toBeInTheDocument();
    expect(control('macie').getByText('disabled')).toBeInTheDocument();
    expect(
      control('vpcEndpoint').getByText('not declared'),
    ).toBeInTheDocument();
  });

  it('uses categories added in leakResponse.dataCategories', async () => {
    await render(resource({ dataCategories: ['personal.loyalty'] }), {
      leakResponse: {
        dataCategories: [
          {
            id: 'personal.loyalty',
            description: 'Loyalty points and tiers',
            personal: true,
          },
        ],
      },
    });
    const loyalty = within(categoryItem('personal.loyalty'));
    expect(loyalty.getByText('Loyalty points and tiers')).toBeInTheDocument();
    expect(loyalty.getByText('Personal data')).toBeInTheDocument();
  });

  it('says so when a category or region is unknown instead of inventing flags', async () => {
    await render(
      resource({
        dataCategories: ['personal.shoesize'],
        regions: ['eu-west-9', 'toString'],
      }),
    );
    const unknown = within(categoryItem('personal.shoesize'));
    expect(unknown.getByText(/Not in the vocabulary/)).toBeInTheDocument();
    expect(unknown.queryByText('Personal data')).not.toBeInTheDocument();
    expect(screen.getAllByText('Unknown AWS region')).toHaveLength(2);
  });

  it('marks missing parts as not declared', async () => {
    await render(resource({ regions: ['us-east-1'] }));
    expect(screen.getAllByText('None declared.')).toHaveLength(2);
    expect(
      screen.getByText('Approximate number of people: not declared.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('US East (N. Virginia), hosted in US'),
    ).toBeInTheDocument();
  });

  it('has an honest empty state for an entity that declares nothing', async () => {
    await render(resource({}));
    expect(
      screen.getByText(
        'This entity declares no data categories, regions, data subjects or controls.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/does not mean it holds no personal data/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Controls')).not.toBeInTheDocument();
  });

  it('survives malformed spec values', async () => {
    await render(
      resource({
        dataCategories: 'personal.special',
        regions: [3],
        controls: ['x'],
      }),
    );
    expect(
      screen.getByText(
        'This entity declares no data categories, regions, data subjects or controls.',
      ),
    ).toBeInTheDocument();
  });

  it('leads with the data Macie found that the declared categories do not cover, and lists the lineage discovered in AWS', async () => {
    const entity = resource({
      type: 'llm-dataset',
      dataCategories: ['personal.behavioral'],
    });
    entity.metadata.annotations = {
      'leak-response.io/suggested-data-categories': JSON.stringify([
        {
          category: 'payment.card',
          source: 'macie',
          evidence: 'CREDIT_CARD_NUMBER × 3 in 1 object',
          location: 'arn:aws:s3:::shop-ml/clicks/',
          seenAt: '2026-11-28T10:30:00.000Z',
        },
        {
          category: 'personal.contact',
          source: 'macie',
          evidence: 'EMAIL_ADDRESS × 2 in 1 object',
          location: 'arn:aws:s3:::shop-ml/clicks/',
          seenAt: '2026-11-28T10:30:00.000Z',
        },
      ]),
      'leak-response.io/discovered-lineage': JSON.stringify([
        {
          relation: 'logsTo',
          target: 'resource:default/recsys-capture',
          targetArn: 'arn:aws:s3:::shop-ml-logs/capture/',
          via: 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/recsys-config',
          source: 'sagemaker',
        },
      ]),
    };
    await render(entity);

    const alert = screen.getByTestId('suggested-categories');
    expect(alert).toHaveTextContent('Amazon Macie found data this entity does not declare');
    expect(alert).toHaveTextContent(/payment\.card: PCI DSS account data/);
    expect(alert).toHaveTextContent(
      'CREDIT_CARD_NUMBER × 3 in 1 object under s3://shop-ml/clicks/',
    );
    // Contact data is personal data, which the dataset declares already.
    expect(alert).not.toHaveTextContent('personal.contact');

    const lineage = screen.getByTestId('discovered-lineage');
    expect(lineage).toHaveTextContent('Logs to');
    expect(lineage).toHaveTextContent('recsys-capture');
    expect(lineage).toHaveTextContent(
      'Discovered in SageMaker: endpoint config recsys-config',
    );
  });

  it('shows nothing extra when discovery found nothing', async () => {
    await render(resource({ dataCategories: ['personal.behavioral'] }));
    expect(screen.queryByTestId('suggested-categories')).toBeNull();
    expect(screen.queryByTestId('discovered-lineage')).toBeNull();
  });
});
