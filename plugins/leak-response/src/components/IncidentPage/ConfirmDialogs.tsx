import { TextField, Typography } from '@material-ui/core';
import {
  IncidentNotice,
  IncidentRecord,
} from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import { FormDialog, submitOnCtrlEnter, wrapText } from '../shared';
import { openItemsOf } from './openItems';
import { noticePlaceholders } from '@leak-response/plugin-leak-response-common';

/** The shortest reason accepted for closing with open items. */
export const MIN_CLOSE_REASON = 10;

const Items = (props: { label: string; items: string[] }) =>
  props.items.length === 0 ? null : (
    <>
      <Typography variant="subtitle2">
        {props.label} ({props.items.length})
      </Typography>
      <ul aria-label={props.label} style={{ marginTop: 0, ...wrapText }}>
        {props.items.map((item, i) => (
          <li key={`${i}-${item}`}>
            <Typography variant="body2">{item}</Typography>
          </li>
        ))}
      </ul>
    </>
  );

/**
 * Asks before closing an incident: lists what is still open (tasks,
 * obligations pending or to be determined, notices not submitted) and,
 * when anything is, asks for the reason, which goes to the timeline.
 */
export const ConfirmCloseDialog = (props: {
  record: IncidentRecord;
  onClose: () => void;
  onConfirm: (reason?: string) => Promise<boolean>;
}) => {
  const open = openItemsOf(props.record);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const length = reason.trim().length;
  const needsReason = open.total > 0;
  const submit = async () => {
    setBusy(true);
    if (await props.onConfirm(needsReason ? reason.trim() : undefined)) {
      props.onClose();
    } else setBusy(false);
  };
  return (
    <FormDialog
      id="confirm-close"
      initialFocusId={needsReason ? 'close-reason' : undefined}
      open
      title="Close this incident?"
      submitLabel={needsReason ? 'Close with open items' : 'Close incident'}
      canSubmit={!busy && (!needsReason || length >= MIN_CLOSE_REASON)}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {needsReason ? (
        <Typography variant="body2" paragraph>
          {open.total} item(s) are still open. Closing stops every clock; the
          open items stay in the record as they are.
        </Typography>
      ) : (
        <Typography variant="body2" paragraph>
          Every task, obligation and notice is handled. Closing stops every
          clock.
        </Typography>
      )}
      <Items label="Open tasks" items={open.tasks.map(t => t.title)} />
      <Items
        label="Open obligations"
        items={open.obligations.map(
          o => `${o.regime} ${o.stage} → ${o.recipient} (${o.status})`,
        )}
      />
      <Items
        label="Notices not submitted"
        items={open.notices.map(n => `${n.templateId} (${n.status})`)}
      />
      {needsReason && (
        <TextField
          fullWidth
          multiline
          minRows={3}
          variant="outlined"
          id="close-reason"
          label="Why close with open items"
          value={reason}
          onChange={e => setReason(e.target.value)}
          onKeyDown={submitOnCtrlEnter}
          error={length > 0 && length < MIN_CLOSE_REASON}
          helperText={
            length < MIN_CLOSE_REASON
              ? `The reason needs at least ${MIN_CLOSE_REASON} characters (${length} so far); it is kept in the timeline.`
              : 'Kept in the timeline. Ctrl+Enter closes.'
          }
        />
      )}
    </FormDialog>
  );
};

/**
 * Asks before approving a notice: approval freezes its text for
 * submission; the parts still to complete are listed.
 */
export const ConfirmApproveDialog = (props: {
  notice: IncidentNotice;
  title: string;
  onClose: () => void;
  onConfirm: () => Promise<boolean>;
}) => {
  const [busy, setBusy] = useState(false);
  const parts = noticePlaceholders(props.notice.body);
  const submit = async () => {
    setBusy(true);
    if (await props.onConfirm()) props.onClose();
    else setBusy(false);
  };
  return (
    <FormDialog
      id="confirm-approve"
      open
      title={`Approve the notice ${props.title}?`}
      submitLabel="Approve notice"
      canSubmit={!busy}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Typography variant="body2" paragraph>
        Once approved, the text can no longer be edited; it can be marked
        submitted with the regulator's reference.
      </Typography>
      {parts.length === 0 ? (
        <Typography variant="body2">Every part is completed.</Typography>
      ) : (
        <Items label="Parts still to complete" items={parts} />
      )}
    </FormDialog>
  );
};
