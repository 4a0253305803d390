import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { FormEvent, KeyboardEvent, ReactNode } from 'react';

export interface FormDialogProps {
  /** Prefix of the element ids (the title's id labels the dialog). */
  id: string;
  open: boolean;
  title: ReactNode;
  submitLabel: string;
  /** Whether the form may be submitted now (valid and not busy). */
  canSubmit: boolean;
  onSubmit: () => void;
  onClose: () => void;
  error?: string;
  maxWidth?: 'xs' | 'sm' | 'md';
  /** The id of the field that gets the focus when the dialog opens. */
  initialFocusId?: string;
  children: ReactNode;
}

/**
 * For a multi-line field of a form dialog: Ctrl+Enter (or Cmd+Enter)
 * submits the form, since Enter alone adds a line.
 */
export function submitOnCtrlEnter(e: KeyboardEvent<HTMLElement>) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    (e.target as HTMLTextAreaElement).form?.requestSubmit();
  }
}

/**
 * A dialog around a form, usable from the keyboard: once it has opened the
 * focus moves to `initialFocusId` (the dialog pattern of WAI-ARIA), Escape
 * cancels, Enter in a one-line field submits (the dialog is a real
 * `<form>`), Ctrl+Enter submits from a multi-line field that uses
 * {@link submitOnCtrlEnter}, Tab stays inside the dialog.
 */
export const FormDialog = (props: FormDialogProps) => {
  const titleId = `${props.id}-title`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (props.canSubmit) props.onSubmit();
  };
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      maxWidth={props.maxWidth ?? 'sm'}
      fullWidth
      aria-labelledby={titleId}
      TransitionProps={{
        onEntered: () => {
          if (props.initialFocusId) {
            document.getElementById(props.initialFocusId)?.focus();
          }
        },
      }}
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          {props.children}
          {props.error && (
            <Alert severity="error" style={{ marginTop: 16 }}>
              {props.error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!props.canSubmit}
          >
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
