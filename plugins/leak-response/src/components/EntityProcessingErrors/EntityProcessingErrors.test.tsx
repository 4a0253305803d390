import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { EntityProcessingErrors } from './EntityProcessingErrors';

const MESSAGE =
  'resource:default/bad-ds is not a valid LLM entity (1 problem): spec.regions[0]: is not a known AWS region (got "mars-1"); allowed: af-south-1, eu-west-1';

const entity = (items: unknown[]): Entity =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'bad-ds' },
    spec: { type: 'llm-dataset', owner: 'group:ml-platform' },
    status: { items },
  } as Entity);

describe('EntityProcessingErrors', () => {
  it('shows each processing error in the catalog processor words', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={entity([
          {
            type: 'backstage.io/catalog-processing',
            level: 'error',
            message: `InputError: ${MESSAGE}`,
            error: { name: 'InputError', message: MESSAGE },
          },
          { type: 'other', level: 'error', message: 'not ours' },
        ])}
      >
        <EntityProcessingErrors />
      </EntityProvider>,
    );

    expect(
      screen.getByText(/Fix catalog-info\.yaml: the catalog refused/),
    ).toBeInTheDocument();
    expect(screen.getByText(MESSAGE)).toBeInTheDocument();
    expect(screen.queryByText('not ours')).not.toBeInTheDocument();
  });

  it('shows nothing for an entity without processing errors', async () => {
    const { container } = await renderInTestApp(
      <EntityProvider entity={entity([])}>
        <EntityProcessingErrors />
      </EntityProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
