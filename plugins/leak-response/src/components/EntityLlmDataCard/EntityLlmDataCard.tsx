import { Entity } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  AWS_REGIONS,
  DATA_CATEGORY_FLAGS,
  DataCategoryVocabulary,
  isAwsRegion,
  LLM_CONTROLS,
  readDiscoveredLineage,
} from '@leak-response/plugin-leak-response-common';
import {
  Box,
  Chip,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { ReactNode, useMemo } from 'react';
import { FLAG_LABELS, vocabularyFromConfig } from './vocabulary';
import { DiscoveredLineage, SuggestedCategories } from './DiscoveredSections';
import { wrapText } from '../shared';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  chip: { marginRight: theme.spacing(0.5), marginBottom: theme.spacing(0.5) },
  flags: { marginTop: theme.spacing(0.5) },
}));

type DeclaredData = {
  dataCategories: string[];
  regions: string[];
  dataSubjects: string[];
  approxDataSubjects?: number;
  controls: Record<string, unknown>;
};

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** Reads the declared fields defensively: the card must render whatever is in spec. */
function declaredData(entity: Entity): DeclaredData {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const controls =
    typeof spec.controls === 'object' &&
    spec.controls !== null &&
    !Array.isArray(spec.controls)
      ? (spec.controls as Record<string, unknown>)
      : {};
  return {
    dataCategories: strings(spec.dataCategories),
    regions: strings(spec.regions),
    dataSubjects: strings(spec.dataSubjects),
    approxDataSubjects:
      typeof spec.approxDataSubjects === 'number'
        ? spec.approxDataSubjects
        : undefined,
    controls,
  };
}

function declaresAnything(data: DeclaredData): boolean {
  return (
    data.dataCategories.length > 0 ||
    data.regions.length > 0 ||
    data.dataSubjects.length > 0 ||
    data.approxDataSubjects !== undefined ||
    Object.keys(data.controls).length > 0
  );
}

const Section = (props: { title: string; children: ReactNode }) => {
  const classes = useStyles();
  return (
    <Box className={classes.section}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
};

const DataCategories = (props: {
  ids: string[];
  vocabulary: DataCategoryVocabulary;
}) => {
  const classes = useStyles();
  if (props.ids.length === 0) {
    return <Typography variant="body2">None declared.</Typography>;
  }
  return (
    <List dense disablePadding>
      {props.ids.map(id => {
        const category = props.vocabulary.get(id);
        const flags = category
          ? DATA_CATEGORY_FLAGS.filter(flag => category[flag])
          : [];
        return (
          <ListItem key={id} disableGutters>
            <ListItemText
              style={wrapText}
              primary={id}
              secondaryTypographyProps={{ component: 'div' }}
              secondary={
                <>
                  <Typography variant="body2" color="textSecondary">
                    {category?.description ??
                      'Not in the vocabulary this page knows; check the catalog processing status of this entity.'}
                  </Typography>
                  {flags.length > 0 && (
                    <Box className={classes.flags}>
                      {flags.map(flag => (
                        <Chip
                          key={flag}
                          size="small"
                          label={FLAG_LABELS[flag]}
                          color={
                            flag === 'specialCategory' || flag === 'cardData'
                              ? 'secondary'
                              : 'default'
                          }
                          className={classes.chip}
                        />
                      ))}
                    </Box>
                  )}
                </>
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
};

const Regions = (props: { codes: string[] }) => {
  if (props.codes.length === 0) {
    return <Typography variant="body2">None declared.</Typography>;
  }
  return (
    <List dense disablePadding>
      {props.codes.map(code => {
        // isAwsRegion guards against codes such as `toString`.
        const region = isAwsRegion(code) ? AWS_REGIONS[code] : undefined;
        return (
          <ListItem key={code} disableGutters>
            <ListItemText
              style={wrapText}
              primary={code}
              secondary={
                region
                  ? `${region.name}, hosted in ${region.country}`
                  : 'Unknown AWS region'
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
};

const DataSubjects = (props: { codes: string[]; approx?: number }) => {
  const classes = useStyles();
  return (
    <>
      {props.codes.length === 0 ? (
        <Typography variant="body2">None declared.</Typography>
      ) : (
        <Box>
          {props.codes.map(code => (
            <Chip
              key={code}
              size="small"
              label={code}
              className={classes.chip}
            />
          ))}
        </Box>
      )}
      <Typography variant="body2">
        {props.approx === undefined
          ? 'Approximate number of people: not declared.'
          : `Approximately ${props.approx.toLocaleString('en-US')} people.`}
      </Typography>
    </>
  );
};

function controlState(value: unknown): string {
  if (value === true) {
    return 'enabled';
  }
  if (value === false) {
    return 'disabled';
  }
  return 'not declared';
}

const Controls = (props: { controls: Record<string, unknown> }) => (
  <List dense disablePadding>
    {LLM_CONTROLS.map(name => (
      <ListItem key={name} disableGutters>
        <ListItemText
          style={wrapText}
          primary={name}
          secondary={controlState(props.controls[name])}
        />
      </ListItem>
    ))}
  </List>
);

/**
 * What an LLM model, dataset or endpoint declares about the data it holds:
 * data categories with their legal flags, AWS regions with their hosting
 * country, where the data subjects live, and the declared controls.
 *
 * @public
 */
export const EntityLlmDataCard = (props: { title?: string }) => {
  const { entity } = useEntity();
  const configApi = useApi(configApiRef);
  const vocabulary = useMemo(
    () => vocabularyFromConfig(configApi),
    [configApi],
  );
  const data = declaredData(entity);
  const title = props.title ?? 'Data held';
  const suggested = (
    <SuggestedCategories
      entity={entity}
      declared={data.dataCategories}
      vocabulary={vocabulary}
    />
  );
  const discovered = readDiscoveredLineage(entity).length > 0 && (
    <Section title="Lineage discovered in AWS">
      <DiscoveredLineage entity={entity} />
    </Section>
  );

  if (!declaresAnything(data)) {
    return (
      <InfoCard title={title}>
        {suggested}
        <Typography variant="body2" paragraph>
          This entity declares no data categories, regions, data subjects or
          controls.
        </Typography>
        <Typography variant="body2">
          That does not mean it holds no personal data: it means nobody has
          said. Add <code>dataCategories</code>, <code>regions</code> and{' '}
          <code>dataSubjects</code> to its <code>spec</code> in
          catalog-info.yaml so that a leak can be assessed.
        </Typography>
        {discovered}
      </InfoCard>
    );
  }

  return (
    <InfoCard title={title}>
      {suggested}
      <Section title="Data categories">
        <DataCategories ids={data.dataCategories} vocabulary={vocabulary} />
      </Section>
      <Section title="Regions">
        <Regions codes={data.regions} />
      </Section>
      <Section title="Data subjects">
        <DataSubjects
          codes={data.dataSubjects}
          approx={data.approxDataSubjects}
        />
      </Section>
      <Section title="Controls">
        <Controls controls={data.controls} />
      </Section>
      {discovered}
    </InfoCard>
  );
};
