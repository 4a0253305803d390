import { InfoCard } from '@backstage/core-components';
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

const Notice = (props: {
  notice: IncidentNotice;
  title: string;
  canUpdate: boolean;
  canApprove: boolean;
  onSave: (body: string) => void;
  onApprove: () => void;
  onSubmit: (submissionRef: string) => void;
}) => {
  const { notice, canUpdate, canApprove } = props;
  const [body, setBody] = useState(notice.body);
  const [submissionRef, setSubmissionRef] = useState('');
  // the backend's rule: escaped \[\[…\]\] marks are unfinished too
  const placeholders = noticePlaceholders(notice.body).length;
  return (
    <Box mb={3} component="section" aria-label={`Notice ${props.title}`}>
      <Typography variant="subtitle1">
        {props.title} — {notice.status}
      </Typography>
      <Typography variant="caption" display="block">
        Template {notice.templateId} · last change{' '}
        <DateTime iso={notice.updatedAt} />
        {notice.approvedBy && <> · approved by {notice.approvedBy}</>}
        {notice.submissionRef && <> · submitted as {notice.submissionRef}</>}
      </Typography>
      <TextField
        fullWidth
        multiline
        minRows={6}
        variant="outlined"
        value={body}
        onChange={e => setBody(e.target.value)}
        disabled={!canUpdate || notice.status !== 'draft'}
        inputProps={{ 'aria-label': `Body of ${props.title}` }}
        style={{ margin: '8px 0' }}
      />
      {notice.status === 'draft' && placeholders > 0 && (
        <Typography variant="caption" color="error" display="block">
          {placeholders} [[…]] part(s) to fill in before approval.
        </Typography>
      )}
      {notice.status === 'draft' && (
        <>
          <Button
            onClick={() => props.onSave(body)}
            disabled={!canUpdate || body === notice.body}
          >
            Save draft
          </Button>
          <Button
            color="primary"
            onClick={props.onApprove}
            disabled={!canApprove || body !== notice.body}
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

/** The notice drafts: edit, approve (with the permission), mark submitted. */
export const NoticesCard = (props: {
  record: IncidentRecord;
  canUpdate: boolean;
  onSave: (noticeId: string, body: string) => void;
  onApprove: (noticeId: string) => void;
  onSubmit: (noticeId: string, submissionRef: string) => void;
}) => {
  const { record } = props;
  const { allowed: canApprove } = usePermission({
    permission: noticeApprovePermission,
  });
  const obligations = new Map(record.obligations.map(o => [o.id, o]));
  return (
    <InfoCard title="Notices">
      {record.notices.length === 0 && (
        <Typography variant="body2">
          No notice drafted yet. Draft one from an obligation above.
        </Typography>
      )}
      {record.notices.map(notice => {
        const o = notice.obligationId
          ? obligations.get(notice.obligationId)
          : undefined;
        return (
          <Notice
            key={`${notice.id}-${notice.updatedAt}`}
            notice={notice}
            title={o ? `${o.regime} → ${o.recipient}` : notice.templateId}
            canUpdate={props.canUpdate}
            canApprove={canApprove}
            onSave={body => props.onSave(notice.id, body)}
            onApprove={() => props.onApprove(notice.id)}
            onSubmit={ref => props.onSubmit(notice.id, ref)}
          />
        );
      })}
    </InfoCard>
  );
};
