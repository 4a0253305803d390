export {
  EntityProcessingErrors,
  processingErrors,
} from './EntityProcessingErrors';
