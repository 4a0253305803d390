export {
  NOTIFY_ACTOR,
  OpeningNotifier,
  readOpeningNoticeConfig,
} from './OpeningNotifier';
export type {
  IncidentOpened,
  IncidentOpenedListener,
  OpeningNoticeOptions,
} from './OpeningNotifier';
export {
  describeDeadline,
  nearestDeadline,
  openingRecipients,
  openingTitle,
} from './openingNotice';
