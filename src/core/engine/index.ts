export { createEngine, Engine, type EngineRequest, type EngineSettings, type KeySource } from './engine';
export { cacheSavings, ledgerEntryOf } from './attempt-record';
export { ASSUMED_CONTEXT_WINDOW, CHOICE_MODEL_IDS, choiceKindOf, type ModelChoice, type ModelChoiceKind } from './model-choice';
