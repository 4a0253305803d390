import { InfoCard } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  IncidentRecord,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import { useCallback, useEffect, useState } from 'react';
import { IncidentReportFormat, leakResponseApiRef } from '../../api';
import { saveFile } from '../ReadinessPage/download';
import { DateTime, messageOf } from '../shared';

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

const capitalised = (text: string) => text[0].toUpperCase() + text.slice(1);

const Verdict = ({ result }: { result: TimelineVerification }) => {
  if (result.intact) {
    return (
      <Alert severity="success">
        The timeline verifies: {result.count} events, none changed since
        recorded. Checked <DateTime iso={result.verifiedAt} />.
      </Alert>
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert severity="error">
      <strong>The timeline does not verify.</strong>{' '}
      {broken ? (
        <>
          First broken: event {broken.position} ({broken.type},{' '}
          <DateTime iso={broken.at} />
          ).
        </>
      ) : (
        'Its events are missing.'
      )}{' '}
      {result.reason && capitalised(result.reason)}. Tell security before filing
      this record. Checked <DateTime iso={result.verifiedAt} />.
    </Alert>
  );
};

/**
 * The record as evidence: whether the timeline's hash chain verifies (and
 * the first event that does not), its head, and the report to file, as
 * markdown or PDF. Verifies again whenever the timeline grows.
 */
export const RecordEvidenceCard = ({ record }: { record: IncidentRecord }) => {
  const api = useApi(leakResponseApiRef);
  const alertApi = useApi(alertApiRef);
  const [result, setResult] = useState<TimelineVerification>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const events = record.timeline.length;

  const verify = useCallback(async () => {
    setBusy(true);
    try {
      setResult(await api.verifyIncidentTimeline(record.id));
      setError(undefined);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }, [api, record.id]);

  useEffect(() => {
    verify();
  }, [verify, events]);

  const download = async (format: IncidentReportFormat) => {
    try {
      saveFile(await api.getIncidentReportFile(record.id, format));
    } catch (e) {
      alertApi.post({ message: messageOf(e), severity: 'error' });
    }
  };

  return (
    <InfoCard title="Record as evidence">
      {result && <Verdict result={result} />}
      {error && (
        <Alert severity="warning">Could not verify the timeline: {error}</Alert>
      )}
      {result?.head && (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          Chain head (printed in the report):{' '}
          <span style={mono} aria-label="Chain head">
            {result.head}
          </span>
        </Typography>
      )}
      <Box
        display="flex"
        flexWrap="wrap"
        style={{ gap: 8 }}
        mt={2}
        role="group"
        aria-label="Report downloads"
      >
        <Button variant="outlined" onClick={() => download('pdf')}>
          Download report (PDF)
        </Button>
        <Button variant="outlined" onClick={() => download('markdown')}>
          Download report (Markdown)
        </Button>
        <Button onClick={verify} disabled={busy}>
          Verify again
        </Button>
      </Box>
    </InfoCard>
  );
};
