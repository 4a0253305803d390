import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  Box,
  Button,
  Grid,
  List,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  incidentSignalChannel,
  IncidentStatus,
  incidentUpdatePermission,
  IncidentRecord,
  leakTypeInWords,
} from '@leak-response/plugin-leak-response-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { IncidentAssessmentAnswers, leakResponseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  DateTime,
  formatLocal,
  formatUtc,
  messageOf,
  useNow,
  useWholeWordTable,
} from '../shared';
import { AssessmentForm } from './AssessmentForm';
import { RuleProvenanceAlert } from './RuleProvenanceAlert';
import { ConfirmCloseDialog } from './ConfirmDialogs';
import { AwarenessDialog } from './DecisionDialogs';
import { NextActionsStrip } from './NextActionsStrip';
import { NoticesCard } from './NoticesCard';
import { ObligationClocks } from './ObligationClocks';
import { RecordEvidenceCard } from './RecordEvidenceCard';
import { TasksCard } from './TasksCard';
import { TimelineEntry } from './TimelineEntry';
import { RunChange } from './types';

/**
 * How often the page re-reads the incident when signals are unavailable, so
 * that others' changes show.
 */
export const INCIDENT_REFRESH_MS = 15_000;

/**
 * With signals the backend announces each change; the page still re-reads
 * now and then in case a message was lost (a dropped connection).
 */
export const INCIDENT_SIGNALLED_REFRESH_MS = 5 * 60_000;

function download(name: string, text: string, type: string) {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * The page title: the origin entity's title and the leak type in words
 * ("Recommendations LLM v3 — model weights exfiltrated").
 */
export function incidentHeading(record: IncidentRecord): string {
  const origin = record.affected.find(
    a => a.entityRef === record.originEntityRef,
  );
  return `${origin?.snapshot.title ?? record.title} — ${leakTypeInWords(
    record.leakType,
  )}`;
}

/**
 * One incident: clocks per obligation, tasks, affected entities, the
 * assessment, notices, timeline and report export. Changes by other
 * responders appear live: the page re-reads the incident when the backend
 * signals a change on `incidentSignalChannel(id)`, and polls every few
 * seconds instead when the app has no signals.
 */
export const IncidentPage = (props: { refreshMs?: number }) => {
  const { id = '' } = useParams();
  const api = useApi(leakResponseApiRef);
  const alertApi = useApi(alertApiRef);
  const rootRoute = useRouteRef(rootRouteRef);
  const now = useNow(1_000 * 30);
  const { allowed: canUpdate } = usePermission({
    permission: incidentUpdatePermission,
  });
  const [record, setRecord] = useState<IncidentRecord>();
  const [error, setError] = useState<Error>();
  const [correctingAwareness, setCorrectingAwareness] = useState(false);
  const [closing, setClosing] = useState(false);
  const wholeWordTable = useWholeWordTable();
  const [editingNotice, setEditingNotice] = useState<string>();
  const { lastSignal, isSignalsAvailable } = useSignal(
    incidentSignalChannel(id),
  );
  // Bumped by every change, so that a refresh started before a change never
  // overwrites the record the change returned.
  const generation = useRef(0);

  const load = useCallback(async () => {
    const started = generation.current;
    try {
      const fresh = await api.getIncident(id);
      if (generation.current === started) setRecord(fresh);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api, id]);

  const pollMs = isSignalsAvailable
    ? INCIDENT_SIGNALLED_REFRESH_MS
    : props.refreshMs ?? INCIDENT_REFRESH_MS;
  useEffect(() => {
    load();
    const timer = setInterval(load, pollMs);
    return () => clearInterval(timer);
  }, [load, pollMs]);

  useEffect(() => {
    if (lastSignal) load();
  }, [lastSignal, load]);

  const run: RunChange = async (change, success) => {
    generation.current += 1;
    try {
      const changed = await change();
      generation.current += 1;
      setRecord(changed);
      if (success) {
        alertApi.post({
          message: success,
          severity: 'success',
          display: 'transient',
        });
      }
      return true;
    } catch (e) {
      alertApi.post({ message: messageOf(e), severity: 'error' });
      return false;
    }
  };

  if (!record) {
    return (
      <Page themeId="tool">
        <Header title="Incident" type="Leak Response" typeLink={rootRoute()} />
        <Content>
          {error ? <ResponseErrorPanel error={error} /> : <Progress />}
        </Content>
      </Page>
    );
  }

  const exportReport = async () => {
    try {
      download(
        `incident-${record.id}.md`,
        await api.getIncidentReport(record.id),
        'text/markdown',
      );
    } catch (e) {
      alertApi.post({ message: messageOf(e), severity: 'error' });
    }
  };

  const move = (next: IncidentStatus) => {
    if (next === 'closed') setClosing(true);
    else run(() => api.setIncidentStatus(record.id, next), `Status: ${next}`);
  };

  // Drafting opens the new notice's editor where the user is.
  const draftNotice = async (obligationId: string) => {
    let created: string | undefined;
    await run(async () => {
      const changed = await api.draftNotice(record.id, obligationId);
      created = changed.notices.find(
        n => n.obligationId === obligationId && n.status === 'draft',
      )?.id;
      return changed;
    }, 'Notice drafted');
    if (created) setEditingNotice(created);
  };

  return (
    <Page themeId="tool">
      <Header
        title={incidentHeading(record)}
        subtitle={`${record.originEntityRef} · severity ${record.severity}`}
        type="Leak Response"
        typeLink={rootRoute()}
      >
        <HeaderLabel label="Status" value={record.status} />
        <HeaderLabel
          label="Aware since"
          value={
            <span title={`${formatUtc(record.awareAt)} (UTC)`}>
              {formatLocal(record.awareAt)}
            </span>
          }
        />
        {record.exercise && <HeaderLabel label="Exercise" value="yes" />}
      </Header>
      <Content>
        {record.exercise && (
          <Alert severity="info" style={{ marginBottom: 16 }}>
            This is an exercise: nothing is notified outside the organisation.
          </Alert>
        )}
        {error && (
          <Alert severity="warning" style={{ marginBottom: 16 }}>
            Could not refresh: {messageOf(error)}
          </Alert>
        )}
        <RuleProvenanceAlert record={record} />
        <NextActionsStrip
          record={record}
          now={now}
          canUpdate={canUpdate}
          onMove={move}
        />
        <Box
          display="flex"
          flexWrap="wrap"
          style={{ gap: 8 }}
          mb={2}
          role="group"
          aria-label="Incident actions"
        >
          <Button
            variant="outlined"
            disabled={!canUpdate}
            onClick={() => setCorrectingAwareness(true)}
          >
            Correct awareness time
          </Button>
          <Button variant="outlined" onClick={exportReport}>
            Export report
          </Button>
        </Box>
        {closing && (
          <ConfirmCloseDialog
            record={record}
            onClose={() => setClosing(false)}
            onConfirm={reason =>
              run(
                () => api.setIncidentStatus(record.id, 'closed', reason),
                'Incident closed; clocks stopped',
              )
            }
          />
        )}
        {correctingAwareness && (
          <AwarenessDialog
            awareAt={record.awareAt}
            onClose={() => setCorrectingAwareness(false)}
            onCorrect={(awareAt, reason) =>
              run(
                () => api.correctAwareness(record.id, awareAt, reason),
                'Awareness time corrected; deadlines recomputed',
              )
            }
          />
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <TasksCard
              record={record}
              now={now}
              canUpdate={canUpdate}
              onToggle={(taskId, done) =>
                run(() => api.setTaskDone(record.id, taskId, done))
              }
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <Grid container spacing={3} direction="column" wrap="nowrap">
              <Grid item>
                <InfoCard title="Incident">
                  <Typography variant="body2">
                    Origin: <EntityRefLink entityRef={record.originEntityRef} />
                    {' · '}opened by{' '}
                    <EntityRefLink entityRef={record.createdBy} /> at{' '}
                    <DateTime iso={record.createdAt} />
                  </Typography>
                  {record.summary && (
                    <Typography
                      variant="body2"
                      style={{ whiteSpace: 'pre-wrap' }}
                    >
                      {record.summary}
                    </Typography>
                  )}
                </InfoCard>
              </Grid>
              <Grid item>
                <InfoCard title="Affected entities and surfaces">
                  <Table
                    size="small"
                    aria-label="Affected entities"
                    className={wholeWordTable.table}
                  >
                    <TableHead>
                      <TableRow>
                        <TableCell>Entity</TableCell>
                        <TableCell>Role</TableCell>
                        <TableCell>Categories</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {record.affected
                        .filter(a => !a.removedAt)
                        .map(a => (
                          <TableRow key={a.entityRef}>
                            <TableCell>
                              <EntityRefLink
                                entityRef={a.entityRef}
                                title={a.snapshot.title}
                              />
                            </TableCell>
                            <TableCell>{a.role}</TableCell>
                            <TableCell>
                              {a.snapshot.dataCategories.join(', ') || '—'}
                            </TableCell>
                          </TableRow>
                        ))}
                    </TableBody>
                  </Table>
                </InfoCard>
              </Grid>
            </Grid>
          </Grid>
          <Grid item xs={12}>
            <ObligationClocks
              record={record}
              now={now}
              canUpdate={canUpdate}
              onDraftNotice={draftNotice}
              onAnswer={(key, value) =>
                run(
                  () =>
                    api.assessIncident(record.id, {
                      [key]: value,
                    } as IncidentAssessmentAnswers),
                  'Answer saved; obligations re-evaluated',
                )
              }
              onDecide={(obligationId, decision) =>
                run(
                  () => api.decideObligation(record.id, obligationId, decision),
                  decision.status === 'not-required'
                    ? 'Obligation marked not required'
                    : 'Obligation reopened',
                )
              }
            />
          </Grid>
          <Grid item xs={12}>
            <NoticesCard
              record={record}
              canUpdate={canUpdate}
              editing={editingNotice}
              onEdit={setEditingNotice}
              onSave={(noticeId, body) =>
                run(
                  () => api.editNotice(record.id, noticeId, body),
                  'Draft saved',
                )
              }
              onApprove={noticeId =>
                run(
                  () =>
                    api.approveNotice(
                      record.id,
                      noticeId,
                      // the version on screen: an edit since is a 409
                      record.notices.find(n => n.id === noticeId)!.version,
                    ),
                  'Notice approved',
                )
              }
              onSubmit={(noticeId, ref) =>
                run(
                  () => api.submitNotice(record.id, noticeId, ref),
                  'Notice marked submitted',
                )
              }
            />
          </Grid>
          <Grid item xs={12}>
            <AssessmentForm
              key={JSON.stringify(record.assessment)}
              assessment={record.assessment}
              obligations={record.obligations}
              canUpdate={canUpdate}
              onSave={answers =>
                run(
                  () => api.assessIncident(record.id, answers),
                  'Assessment saved; obligations re-evaluated',
                )
              }
            />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Timeline">
              <List dense aria-label="Timeline">
                {[...record.timeline]
                  .sort((a, b) => b.sequence - a.sequence)
                  .map(event => (
                    <TimelineEntry key={event.sequence} event={event} />
                  ))}
              </List>
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <RecordEvidenceCard record={record} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
