export { DateTime } from './DateTime';
export { Countdown } from './Countdown';
export { messageOf } from './errors';
export * from './time';
export { FormDialog, submitOnCtrlEnter } from './FormDialog';
export type { FormDialogProps } from './FormDialog';
export { wrapText } from './wrap';
