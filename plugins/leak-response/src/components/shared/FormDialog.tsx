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
  children: ReactNode;
}

/**
 * A dialog around a form, usable from the keyboard: focus goes to the first
 * field marked `autoFocus`, Escape cancels, Enter in a one-line field
 * submits (the dialog is a real `<form>`), Ctrl+Enter submits from a
 * multi-line field too, Tab stays inside the dialog.
 */
export const FormDialog = (props: FormDialogProps) => {
  const titleId = `${props.id}-title`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (props.canSubmit) props.onSubmit();
  };
  const submitFromTextArea = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
  };
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      maxWidth={props.maxWidth ?? 'sm'}
      fullWidth
      aria-labelledby={titleId}
    >
      <form onSubmit={submit} onKeyDown={submitFromTextArea} noValidate>
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
