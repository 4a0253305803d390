import { MarkdownContent } from '@backstage/core-components';
import { Box, Grid, TextField, Typography } from '@material-ui/core';
import { IncidentNotice } from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import { FormDialog, submitOnCtrlEnter } from '../shared';
import { noticePlaceholders } from '@leak-response/plugin-leak-response-common';

/** "2 parts to complete", or that none is left. */
export function partsText(body: string): string {
  const n = noticePlaceholders(body).length;
  if (n === 0) return 'No part left to complete.';
  return `${n} ${n === 1 ? 'part' : 'parts'} to complete ([[…]]).`;
}

/**
 * Edits a notice draft where the user is: the markdown on the left, the
 * rendered notice on the right, the parts still to complete counted as the
 * user types. Saving an empty or unchanged body is not offered.
 */
export const NoticeEditorDialog = (props: {
  notice: IncidentNotice;
  title: string;
  onClose: () => void;
  onSave: (body: string) => Promise<boolean>;
}) => {
  const [body, setBody] = useState(props.notice.body);
  const [busy, setBusy] = useState(false);
  const empty = body.trim().length === 0;
  const submit = async () => {
    setBusy(true);
    if (await props.onSave(body)) props.onClose();
    else setBusy(false);
  };
  return (
    <FormDialog
      id="notice-editor"
      initialFocusId="notice-body"
      open
      maxWidth="md"
      title={`Notice: ${props.title}`}
      submitLabel="Save draft"
      canSubmit={!busy && !empty && body !== props.notice.body}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <TextField
            fullWidth
            multiline
            minRows={14}
            maxRows={22}
            variant="outlined"
            id="notice-body"
            label="Text (markdown)"
            value={body}
            onChange={e => setBody(e.target.value)}
            onKeyDown={submitOnCtrlEnter}
            error={empty}
            helperText={
              empty
                ? 'The notice cannot be empty.'
                : `${partsText(body)} Ctrl+Enter saves.`
            }
            FormHelperTextProps={{ role: 'status' } as object}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="overline" color="textSecondary">
            Preview
          </Typography>
          <Box
            aria-label="Notice preview"
            role="region"
            border={1}
            borderColor="divider"
            borderRadius={4}
            px={2}
            maxHeight={440}
            overflow="auto"
          >
            <MarkdownContent content={body} />
          </Box>
        </Grid>
      </Grid>
    </FormDialog>
  );
};
