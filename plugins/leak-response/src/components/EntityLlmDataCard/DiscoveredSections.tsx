import { Entity } from '@backstage/catalog-model';
import {
  DataCategoryVocabulary,
  readDataCategorySuggestions,
  readDiscoveredLineage,
  undeclaredSuggestions,
} from '@leak-response/plugin-leak-response-common';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { wrapText } from '../shared';

const SOURCE_NAMES: Readonly<Record<string, string>> = {
  macie: 'Amazon Macie',
  sagemaker: 'SageMaker',
  bedrock: 'Bedrock',
};

const RELATION_WORDS: Readonly<Record<string, string>> = {
  trainedOn: 'Trained on',
  fineTunedFrom: 'Fine-tuned from',
  serves: 'Serves',
  logsTo: 'Logs to',
  dependsOn: 'Reads from',
};

const sourceName = (source: string) => SOURCE_NAMES[source] ?? source;

/**
 * What an ARN names, in words: `arn:aws:sagemaker:…:training-job/t1` reads
 * "training job t1". Anything else is shown as it is.
 */
export function describeArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.indexOf('/');
  if (!resource || slash < 0) return arn;
  const type = resource.slice(0, slash).replace(/-/g, ' ');
  return `${type} ${resource.slice(slash + 1)}`;
}

const s3Location = (arn: string) => arn.replace(/^arn:aws:s3:::/, 's3://');

/**
 * Data categories a scanner found in the entity's storage that its
 * declared categories do not cover: what the owner should add (or explain).
 */
export const SuggestedCategories = (props: {
  entity: Entity;
  declared: string[];
  vocabulary: DataCategoryVocabulary;
}) => {
  const missing = undeclaredSuggestions(
    props.declared,
    readDataCategorySuggestions(props.entity),
    props.vocabulary,
  );
  if (missing.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="suggested-categories">
      <Typography variant="body2" gutterBottom>
        {sourceName(missing[0].source)} found data this entity does not
        declare. Add the categories to <code>spec.dataCategories</code> in its
        catalog-info.yaml, or ask the data owner why it is there.
      </Typography>
      <List dense disablePadding>
        {missing.map(s => (
          <ListItem key={`${s.source}:${s.category}`} disableGutters>
            <ListItemText
              style={wrapText}
              primary={
                props.vocabulary.get(s.category)?.description
                  ? `${s.category}: ${props.vocabulary.get(s.category)!.description}`
                  : s.category
              }
              secondary={`${s.evidence} under ${s.location.replace(
                /^arn:aws:s3:::/,
                's3://',
              )}; last seen ${new Date(s.seenAt).toLocaleDateString()}`}
            />
          </ListItem>
        ))}
      </List>
    </Alert>
  );
};

/**
 * The lineage read from the ML services rather than declared: each edge
 * with the job, configuration or data source that says so.
 */
export const DiscoveredLineage = (props: { entity: Entity }) => {
  const edges = readDiscoveredLineage(props.entity);
  if (edges.length === 0) return null;
  return (
    <List dense disablePadding data-testid="discovered-lineage">
      {edges.map(edge => (
        <ListItem key={`${edge.relation}:${edge.target}`} disableGutters>
          <ListItemText
            style={wrapText}
            primary={
              <>
                {RELATION_WORDS[edge.relation] ?? edge.relation}{' '}
                {edge.target.replace(/^resource:default\//, '')}
              </>
            }
            secondary={`Discovered in ${sourceName(edge.source)}: ${
              edge.via.startsWith('arn:aws:s3:::')
                ? s3Location(edge.via)
                : describeArn(edge.via)
            }`}
          />
        </ListItem>
      ))}
    </List>
  );
};
