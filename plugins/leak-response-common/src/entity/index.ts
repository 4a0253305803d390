export * from './entityTypes';
export * from './regions';
