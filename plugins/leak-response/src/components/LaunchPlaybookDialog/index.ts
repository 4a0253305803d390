export {
  LaunchPlaybookDialog,
  LaunchPlaybookButton,
} from './LaunchPlaybookDialog';
export type { LaunchPlaybookDialogProps } from './LaunchPlaybookDialog';
