import { TextField, Typography } from '@material-ui/core';
import { IncidentObligation } from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import {
  DateTimeField,
  FormDialog,
  formatLocal,
  submitOnCtrlEnter,
  formatUtc,
  fromLocalInput,
  toLocalInput,
} from '../shared';

/** The backend's limits (`obligationDecisionSchema`, `awarenessSchema`). */
export const MIN_JUSTIFICATION = 10;
export const MIN_AWARENESS_REASON = 3;

/**
 * Marks an obligation "not required". The justification is mandatory: it
 * goes to the timeline and the report, where a regulator may read it.
 */
export const NotRequiredDialog = (props: {
  obligation: IncidentObligation;
  onClose: () => void;
  onDecide: (justification: string) => Promise<boolean>;
}) => {
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const length = justification.trim().length;
  const submit = async () => {
    setBusy(true);
    if (await props.onDecide(justification.trim())) props.onClose();
    else setBusy(false);
  };
  return (
    <FormDialog
      id="obligation-not-required"
      initialFocusId="obligation-justification"
      open
      title={`Not required: ${props.obligation.regime} → ${props.obligation.recipient}`}
      submitLabel="Mark not required"
      canSubmit={!busy && length >= MIN_JUSTIFICATION}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Typography variant="body2" paragraph>
        Record why this notification is not required (for example: the data were
        encrypted and the key was not exposed, or the risk to the people
        concerned is unlikely). The justification is kept in the timeline and
        the incident report.
      </Typography>
      <TextField
        fullWidth
        multiline
        minRows={4}
        variant="outlined"
        id="obligation-justification"
        label="Justification"
        value={justification}
        onChange={e => setJustification(e.target.value)}
        onKeyDown={submitOnCtrlEnter}
        error={length > 0 && length < MIN_JUSTIFICATION}
        helperText={
          length < MIN_JUSTIFICATION
            ? `At least ${MIN_JUSTIFICATION} characters (${length} so far). Ctrl+Enter saves.`
            : 'Ctrl+Enter saves.'
        }
      />
    </FormDialog>
  );
};

/**
 * Corrects when the organisation became aware; every deadline that runs
 * from awareness moves with it. The reason is mandatory.
 */
export const AwarenessDialog = (props: {
  awareAt: string;
  onClose: () => void;
  onCorrect: (awareAt: string, reason: string) => Promise<boolean>;
}) => {
  const [value, setValue] = useState(() =>
    toLocalInput(new Date(props.awareAt)),
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const iso = fromLocalInput(value);
  const changed =
    iso !== undefined && iso !== new Date(props.awareAt).toISOString();
  // The backend allows a minute of clock skew; the form says it first.
  const future = iso !== undefined && Date.parse(iso) > Date.now() + 60_000;
  const submit = async () => {
    if (!iso) return;
    setBusy(true);
    if (await props.onCorrect(iso, reason.trim())) props.onClose();
    else setBusy(false);
  };
  return (
    <FormDialog
      id="awareness-correction"
      initialFocusId="awareness-at"
      open
      title="Correct the awareness time"
      submitLabel="Correct and re-evaluate"
      canSubmit={
        !busy &&
        changed &&
        !future &&
        reason.trim().length >= MIN_AWARENESS_REASON
      }
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Typography variant="body2" paragraph>
        Recorded: {formatLocal(props.awareAt)} ({formatUtc(props.awareAt)} UTC).
        The deadlines that run from awareness are recomputed from the corrected
        time.
      </Typography>
      <DateTimeField
        id="awareness-at"
        label="Aware since (your time zone)"
        value={value}
        onChange={setValue}
        error={!iso || future}
        helperText={
          (!iso && 'Enter a date and time.') ||
          (future && 'The awareness time cannot be in the future.') ||
          `${formatUtc(iso!)} UTC`
        }
        style={{ marginBottom: 16 }}
      />
      <TextField
        fullWidth
        id="awareness-reason"
        label="Reason for the correction"
        value={reason}
        onChange={e => setReason(e.target.value)}
        helperText={`Required, at least ${MIN_AWARENESS_REASON} characters; kept in the timeline.`}
      />
    </FormDialog>
  );
};
