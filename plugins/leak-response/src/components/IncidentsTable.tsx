import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Chip } from '@material-ui/core';
import {
  IncidentSummary,
  leakTypeInWords,
} from '@leak-response/plugin-leak-response-common';
import { ReactNode } from 'react';
import { incidentRouteRef } from '../routes';
import { DateTime } from './shared';

/** An incident row, optionally with its nearest open deadline. */
export type IncidentRow = IncidentSummary & {
  nextDeadline?: ReactNode;
};

/** A table of incidents, titles linking to the incident page. */
export const IncidentsTable = (props: {
  title: string;
  incidents: IncidentRow[];
  emptyText: string;
  withDeadlines?: boolean;
}) => {
  const incidentRoute = useRouteRef(incidentRouteRef);
  const columns: TableColumn<IncidentRow>[] = [
    {
      title: 'Title',
      field: 'title',
      // An exercise is unmistakable: a chip by its title.
      render: row => (
        <>
          <Link to={incidentRoute({ id: row.id })}>{row.title}</Link>
          {row.exercise && (
            <Chip
              size="small"
              label="Exercise"
              color="primary"
              style={{ marginLeft: 8 }}
            />
          )}
        </>
      ),
    },
    {
      title: 'Leak type',
      field: 'leakType',
      render: row => leakTypeInWords(row.leakType),
    },
    {
      title: 'Origin',
      field: 'originEntityRef',
      render: row => <EntityRefLink entityRef={row.originEntityRef} />,
    },
    { title: 'Severity', field: 'severity' },
    { title: 'Status', field: 'status' },
    ...(props.withDeadlines
      ? [
          {
            title: 'Next deadline',
            field: 'nextDeadline',
            sorting: false,
            render: (row: IncidentRow) => row.nextDeadline ?? '—',
          } as TableColumn<IncidentRow>,
        ]
      : []),
    {
      title: 'Aware since',
      field: 'awareAt',
      render: row => <DateTime iso={row.awareAt} />,
    },
  ];
  return (
    <Table<IncidentRow>
      title={props.title}
      options={{ search: false, paging: false, padding: 'dense' }}
      columns={columns}
      data={props.incidents}
      emptyContent={<div style={{ padding: 16 }}>{props.emptyText}</div>}
    />
  );
};
