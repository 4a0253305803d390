import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, TextField, Typography } from '@material-ui/core';
import {
  IncidentNotice,
  IncidentRecord,
  noticeApprovePermission,
  noticePlaceholders,
} from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import { DateTime } from '../shared';
import { ConfirmApproveDialog } from './ConfirmDialogs';
import { NoticeEditorDialog, partsText } from './NoticeEditorDialog';

const Notice = (props: {
  notice: IncidentNotice;
  title: string;
  canUpdate: boolean;
  canApprove: boolean;
  onEdit: () => void;
  onApprove: () => void;
  onSubmit: (submissionRef: string) => void;
}) => {
  const { notice, canUpdate, canApprove } = props;
  const [submissionRef, setSubmissionRef] = useState('');
  // the backend's rule: escaped \[\[…\]\] marks are unfinished too
  const parts = noticePlaceholders(notice.body).length;
  return (
    <Box mb={3} component="section" aria-label={`Notice ${props.title}`}>
      <Typography variant="subtitle1">
        {props.title} — {notice.status}
      </Typography>
      <Typography variant="caption" display="block">
        Template {notice.templateId} · last change{' '}
        <DateTime iso={notice.updatedAt} />
        {notice.approvedBy && (
          <>
            {' '}
            · approved by{' '}
            <EntityRefLink entityRef={notice.approvedBy} defaultKind="user" />
          </>
        )}
        {notice.submittedAt && (
          <>
            {' '}
            · submitted <DateTime iso={notice.submittedAt} />
          </>
        )}
        {notice.submissionRef && <> as {notice.submissionRef}</>}
      </Typography>
      <Box
        border={1}
        borderColor="divider"
        borderRadius={4}
        px={2}
        my={1}
        aria-label={`Text of ${props.title}`}
        role="article"
      >
        <MarkdownContent content={notice.body} />
      </Box>
      {notice.status === 'draft' && (
        <>
          <Typography
            variant="caption"
            color={parts ? 'error' : 'textSecondary'}
            display="block"
          >
            {partsText(notice.body)}
          </Typography>
          <Button onClick={props.onEdit} disabled={!canUpdate}>
            Edit
          </Button>
          <Button
            color="primary"
            onClick={props.onApprove}
            disabled={!canApprove}
            title={
              canApprove
                ? undefined
                : `Approval needs the ${noticeApprovePermission.name} permission`
            }
          >
            Approve
          </Button>
          {!canApprove && (
            <Typography variant="caption" color="textSecondary">
              Only holders of {noticeApprovePermission.name} can approve.
            </Typography>
          )}
        </>
      )}
      {notice.status === 'approved' && (
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <TextField
            id={`submission-ref-${notice.id}`}
            label="Submission reference"
            value={submissionRef}
            onChange={e => setSubmissionRef(e.target.value)}
            disabled={!canUpdate}
          />
          <Button
            color="primary"
            variant="contained"
            disabled={!canUpdate || !submissionRef.trim()}
            onClick={() => props.onSubmit(submissionRef.trim())}
          >
            Mark submitted
          </Button>
        </Box>
      )}
    </Box>
  );
};

/**
 * The notices: each readable as rendered text whatever its status; a draft
 * is edited in a dialog with a preview, approved after a confirmation (with
 * the permission), then marked submitted.
 */
export const NoticesCard = (props: {
  record: IncidentRecord;
  canUpdate: boolean;
  /** The notice whose editor is open. */
  editing?: string;
  onEdit: (noticeId: string | undefined) => void;
  onSave: (noticeId: string, body: string) => Promise<boolean>;
  onApprove: (noticeId: string) => Promise<boolean>;
  onSubmit: (noticeId: string, submissionRef: string) => void;
}) => {
  const { record } = props;
  const { allowed: canApprove } = usePermission({
    permission: noticeApprovePermission,
  });
  const [approving, setApproving] = useState<string>();
  const obligations = new Map(record.obligations.map(o => [o.id, o]));
  const titleOf = (notice: IncidentNotice) => {
    const o = notice.obligationId
      ? obligations.get(notice.obligationId)
      : undefined;
    return o ? `${o.regime} → ${o.recipient}` : notice.templateId;
  };
  const editing = record.notices.find(
    n => n.id === props.editing && n.status === 'draft',
  );
  const approvingNotice = record.notices.find(n => n.id === approving);
  return (
    <InfoCard title="Notices">
      {record.notices.length === 0 && (
        <Typography variant="body2">
          No notice drafted yet. Draft one from an obligation above.
        </Typography>
      )}
      {record.notices.map(notice => (
        <Notice
          key={`${notice.id}-${notice.updatedAt}`}
          notice={notice}
          title={titleOf(notice)}
          canUpdate={props.canUpdate}
          canApprove={canApprove}
          onEdit={() => props.onEdit(notice.id)}
          onApprove={() => setApproving(notice.id)}
          onSubmit={ref => props.onSubmit(notice.id, ref)}
        />
      ))}
      {editing && (
        <NoticeEditorDialog
          key={editing.id}
          notice={editing}
          title={titleOf(editing)}
          onClose={() => props.onEdit(undefined)}
          onSave={body => props.onSave(editing.id, body)}
        />
      )}
      {approvingNotice && (
        <ConfirmApproveDialog
          notice={approvingNotice}
          title={titleOf(approvingNotice)}
          onClose={() => setApproving(undefined)}
          onConfirm={() => props.onApprove(approvingNotice.id)}
        />
      )}
    </InfoCard>
  );
};
