import { MenuItem, TextField } from '@material-ui/core';
import { CSSProperties, ReactNode } from 'react';

/** A choice with its own label; a bare value is its own label. */
export interface SelectOption<T extends string> {
  value: T;
  label: ReactNode;
}

export interface SelectFieldProps<T extends string> {
  id?: string;
  label: string;
  value: T | '';
  options: readonly (T | SelectOption<T>)[];
  onChange: (value: T) => void;
  /** Also gives the hidden native input the label as its name. */
  labelInput?: boolean;
  fullWidth?: boolean;
  style?: CSSProperties;
}

/** A select field over a fixed list of string values. */
export const SelectField = <T extends string>(props: SelectFieldProps<T>) => (
  <TextField
    select
    fullWidth={props.fullWidth}
    id={props.id}
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(e.target.value as T)}
    style={props.style}
    SelectProps={
      props.labelInput
        ? { inputProps: { 'aria-label': props.label } }
        : undefined
    }
  >
    {props.options.map(option => {
      const { value, label } =
        typeof option === 'string' ? { value: option, label: option } : option;
      return (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      );
    })}
  </TextField>
);
