export { LeakResponsePage } from './LeakResponsePage';
