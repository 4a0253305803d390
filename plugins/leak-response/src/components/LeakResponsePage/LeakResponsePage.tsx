import { Route, Routes } from 'react-router-dom';
import { IncidentPage } from '../IncidentPage';
import { ReadinessPage } from '../ReadinessPage';
import { IncidentsListPage } from './IncidentsListPage';

/**
 * The suite's page in the sidebar: incidents across the organisation, each
 * incident under `incidents/:id`, and the readiness dashboard under
 * `readiness`.
 */
export const LeakResponsePage = () => (
  <Routes>
    <Route path="/" element={<IncidentsListPage />} />
    <Route path="/incidents/:id" element={<IncidentPage />} />
    <Route path="/readiness" element={<ReadinessPage />} />
  </Routes>
);
