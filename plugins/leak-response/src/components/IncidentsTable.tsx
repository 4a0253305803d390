import { Table, TableColumn } from '@backstage/core-components';
import { IncidentSummary } from '@leak-response/plugin-leak-response-common';

const columns: TableColumn<IncidentSummary>[] = [
  { title: 'Title', field: 'title' },
  { title: 'Leak type', field: 'leakType' },
  { title: 'Origin', field: 'originEntityRef' },
  { title: 'Severity', field: 'severity' },
  { title: 'Status', field: 'status' },
  {
    title: 'Aware since',
    field: 'awareAt',
    render: row => new Date(row.awareAt).toUTCString(),
  },
  {
    title: 'Exercise',
    field: 'exercise',
    render: row => (row.exercise ? 'exercise' : ''),
  },
];

/** A table of incidents with a plain empty state. */
export const IncidentsTable = (props: {
  title: string;
  incidents: IncidentSummary[];
  emptyText: string;
}) => (
  <Table<IncidentSummary>
    title={props.title}
    options={{ search: false, paging: false, padding: 'dense' }}
    columns={columns}
    data={props.incidents}
    emptyContent={<div style={{ padding: 16 }}>{props.emptyText}</div>}
  />
);
