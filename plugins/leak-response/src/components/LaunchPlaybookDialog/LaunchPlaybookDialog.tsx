import { Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Button,
  FormControlLabel,
  Grid,
  Switch,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  incidentCreatePermission,
  LEAK_TYPES,
  LeakType,
  leakTypeInWords,
  planObligationReader,
  Severity,
  SEVERITIES,
  summarizeObligations,
} from '@leak-response/plugin-leak-response-common';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { leakResponseApiRef } from '../../api';
import { incidentRouteRef } from '../../routes';
import { DueText } from '../EntityLeakResponseContent/ObligationsPreviewCard';
import {
  DateTimeField,
  FormDialog,
  formatUtc,
  fromLocalInput,
  messageOf,
  ObligationCounts,
  SelectField,
  submitOnCtrlEnter,
  toLocalInput,
} from '../shared';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** How many of the nearest clocks the dialog lists. */
const NEAREST_SHOWN = 3;

export interface LaunchPlaybookDialogProps {
  open: boolean;
  onClose: () => void;
  entityRef: string;
  /** The entity's title, for the dialog's title (else the ref). */
  entityTitle?: string;
  /** Pre-selected: the plan's leak type (from the entity type). */
  defaultLeakType: LeakType;
}

/**
 * Launches a playbook: opens an incident for the entity and goes to it. Shows
 * the obligations the launch will start for the chosen leak type and time.
 */
export const LaunchPlaybookDialog = (props: LaunchPlaybookDialogProps) => {
  const { open, onClose, entityRef, defaultLeakType } = props;
  const api = useApi(leakResponseApiRef);
  const navigate = useNavigate();
  const incidentRoute = useRouteRef(incidentRouteRef);
  const [leakType, setLeakType] = useState<LeakType>(defaultLeakType);
  const [awareAt, setAwareAt] = useState(() => toLocalInput(new Date()));
  const [severity, setSeverity] = useState<Severity>('high');
  const [exercise, setExercise] = useState(false);
  const [summary, setSummary] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const idempotencyKey = useMemo(() => newKey(), []);

  const awareIso = useMemo(() => fromLocalInput(awareAt), [awareAt]);

  const preview = useAsync(async () => {
    if (!open || !awareIso) return undefined;
    return api.getPlan({ entityRef, leakType, awareAt: awareIso });
  }, [api, open, entityRef, leakType, awareIso]);

  // The same summary as the entity tab: the counts and the nearest clocks.
  const obligationSummary =
    preview.value?.obligations.status === 'evaluated'
      ? summarizeObligations(
          preview.value.obligations.obligations,
          planObligationReader,
        )
      : undefined;

  const launch = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const incident = await api.launchIncident(
        {
          entityRef,
          leakType,
          awareAt: awareIso,
          severity,
          exercise,
          summary: summary.trim() || undefined,
        },
        { idempotencyKey },
      );
      navigate(incidentRoute({ id: incident.id }));
    } catch (e) {
      setError(messageOf(e));
      setSubmitting(false);
    }
  };

  return (
    <FormDialog
      id="launch-playbook"
      initialFocusId="launch-leak-type"
      open={open}
      onClose={onClose}
      maxWidth="md"
      title={
        <span title={entityRef}>
          Launch the playbook for {props.entityTitle ?? entityRef}
        </span>
      }
      submitLabel={exercise ? 'Launch exercise' : 'Launch incident'}
      canSubmit={!submitting && Boolean(awareIso)}
      onSubmit={launch}
      error={error}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          <SelectField
            fullWidth
            labelInput
            id="launch-leak-type"
            label="Leak type"
            value={leakType}
            options={LEAK_TYPES.map(value => ({
              value,
              label: leakTypeInWords(value),
            }))}
            onChange={setLeakType}
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <SelectField
            fullWidth
            labelInput
            id="launch-severity"
            label="Severity"
            value={severity}
            options={SEVERITIES}
            onChange={setSeverity}
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <DateTimeField
            id="launch-aware-at"
            label="Aware since (your time zone)"
            value={awareAt}
            onChange={setAwareAt}
            error={!awareIso}
            helperText={
              awareIso
                ? `${formatUtc(awareIso)} UTC — deadlines run from here`
                : 'Enter when the organisation became aware'
            }
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <FormControlLabel
            control={
              <Switch
                checked={exercise}
                onChange={e => setExercise(e.target.checked)}
                color="primary"
              />
            }
            label="Exercise (tabletop drill, never notified outside)"
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            fullWidth
            multiline
            minRows={2}
            id="launch-summary"
            label="Summary"
            value={summary}
            onChange={e => setSummary(e.target.value)}
            onKeyDown={submitOnCtrlEnter}
          />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="subtitle2">
            Obligations this launch will start
          </Typography>
          {preview.loading && <Progress />}
          {preview.error && (
            <Alert severity="warning">
              Could not evaluate the obligations: {messageOf(preview.error)}
            </Alert>
          )}
          {preview.value?.obligations.status === 'unavailable' && (
            <Alert severity="warning">{preview.value.obligations.reason}</Alert>
          )}
          {obligationSummary && (
            <>
              <ObligationCounts counts={obligationSummary.counts} />
              {obligationSummary.nearest.length === 0 ? (
                <Typography variant="body2">
                  No clock that applies would start.
                </Typography>
              ) : (
                <ul aria-label="Nearest clocks" style={{ margin: '8px 0' }}>
                  {obligationSummary.nearest.slice(0, NEAREST_SHOWN).map(o => (
                    <li key={o.ruleId}>
                      <Typography variant="body2">
                        <strong>{o.regime}</strong> {o.stage} → {o.recipient}:{' '}
                        {o.status !== 'not-applicable' && (
                          <DueText due={o.due} />
                        )}
                      </Typography>
                    </li>
                  ))}
                </ul>
              )}
              {obligationSummary.nearest.length > NEAREST_SHOWN && (
                <Typography variant="caption" display="block">
                  and {obligationSummary.nearest.length - NEAREST_SHOWN} more;
                  the incident page lists them all.
                </Typography>
              )}
            </>
          )}
        </Grid>
      </Grid>
    </FormDialog>
  );
};

/**
 * The "Launch playbook" button with its dialog; disabled, with the reason,
 * when the user may not create incidents.
 */
export const LaunchPlaybookButton = (props: {
  entityRef: string;
  entityTitle?: string;
  defaultLeakType: LeakType;
}) => {
  const [open, setOpen] = useState(false);
  const { loading, allowed } = usePermission({
    permission: incidentCreatePermission,
  });
  const reason = loading
    ? 'Checking your permissions…'
    : `You need the ${incidentCreatePermission.name} permission to launch a playbook; ask the security team.`;
  return (
    <>
      <Tooltip title={allowed ? '' : reason}>
        <span>
          <Button
            variant="contained"
            color="primary"
            disabled={!allowed}
            onClick={() => setOpen(true)}
          >
            Launch playbook
          </Button>
        </span>
      </Tooltip>
      {!loading && !allowed && (
        <Typography variant="caption" display="block" color="textSecondary">
          {reason}
        </Typography>
      )}
      {open && (
        <LaunchPlaybookDialog
          open={open}
          onClose={() => setOpen(false)}
          entityRef={props.entityRef}
          entityTitle={props.entityTitle}
          defaultLeakType={props.defaultLeakType}
        />
      )}
    </>
  );
};
