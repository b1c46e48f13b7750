export { KeyedLock } from './keyed-lock';
