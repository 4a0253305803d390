import { Content, Header, Page } from '@backstage/core-components';
import { CatalogSearchResultListItem } from '@backstage/plugin-catalog';
import { SearchType } from '@backstage/plugin-search';
import {
  DefaultResultListItem,
  SearchBar,
  SearchPagination,
  SearchResult,
} from '@backstage/plugin-search-react';
import { Grid, Paper } from '@material-ui/core';
import CatalogIcon from '@material-ui/icons/MenuBook';
import WarningIcon from '@material-ui/icons/ReportProblem';

/**
 * The portal's search: the catalog (LLM entities with their data
 * categories) and the leak incidents the signed-in person may read.
 */
export const searchPage = (
  <Page themeId="home">
    <Header title="Search" />
    <Content>
      <Grid container direction="row">
        <Grid item xs={12}>
          <Paper>
            <SearchBar placeholder="An entity, a data category, an incident…" />
          </Paper>
        </Grid>
        <Grid item xs={3}>
          <SearchType.Accordion
            name="Result type"
            defaultValue=""
            types={[
              {
                value: 'leak-response-incident',
                name: 'Leak incidents',
                icon: <WarningIcon />,
              },
              {
                value: 'software-catalog',
                name: 'Catalog',
                icon: <CatalogIcon />,
              },
            ]}
          />
        </Grid>
        <Grid item xs={9}>
          <SearchPagination />
          <SearchResult>
            <CatalogSearchResultListItem icon={<CatalogIcon />} />
            <DefaultResultListItem icon={<WarningIcon />} />
          </SearchResult>
        </Grid>
      </Grid>
    </Content>
  </Page>
);
