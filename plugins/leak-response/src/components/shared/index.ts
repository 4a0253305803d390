export { DateTime } from './DateTime';
export { Countdown } from './Countdown';
export { messageOf } from './errors';
export * from './time';
