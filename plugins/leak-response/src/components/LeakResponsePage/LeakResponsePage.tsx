import { Route, Routes } from 'react-router-dom';
import { IncidentPage } from '../IncidentPage';
import { IncidentsListPage } from './IncidentsListPage';

/**
 * The suite's page in the sidebar: incidents across the organisation, and
 * each incident under `incidents/:id`.
 */
export const LeakResponsePage = () => (
  <Routes>
    <Route path="/" element={<IncidentsListPage />} />
    <Route path="/incidents/:id" element={<IncidentPage />} />
  </Routes>
);
