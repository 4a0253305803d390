export { ReadinessService, EXERCISE_WINDOW_DAYS } from './ReadinessService';
export type { InventoryFile } from './ReadinessService';
export { addReadinessRoutes, parseInventoryFormat } from './readinessRoutes';
export { exercisesFromStore } from './exercises';
export type { ExerciseSource, ExerciseFact } from './exercises';
