export * from './entityTypes';
