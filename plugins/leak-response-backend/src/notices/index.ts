export { DEFAULT_NOTICE_TEMPLATES } from './defaultTemplates';
export { readNoticeTemplates } from './config';
export type { NoticeTemplate } from './defaultTemplates';
export {
  escapeMarkdown,
  incompleteParts,
  noticeValues,
  renderNotice,
} from './renderNotice';
export type { NoticeOrganisation } from './renderNotice';
export { noticeVersion } from './version';
