import { TextField } from '@material-ui/core';
import { CSSProperties, ReactNode } from 'react';

/**
 * A date and time in the user's time zone (`datetime-local`); the label
 * always stays above it, since the browser shows its own placeholder.
 */
export const DateTimeField = (props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: boolean;
  helperText?: ReactNode;
  style?: CSSProperties;
}) => (
  <TextField
    fullWidth
    type="datetime-local"
    id={props.id}
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    InputLabelProps={{ shrink: true }}
    error={props.error}
    helperText={props.helperText}
    style={props.style}
  />
);
