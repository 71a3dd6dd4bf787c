export { createEngine, Engine, type EngineDeps, type EngineRequest, type EngineSettings, type KeySource } from './engine';
export { cacheSavings, ledgerEntryOf } from './attempt-record';
