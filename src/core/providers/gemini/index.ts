// Public surface of the Gemini family.
export { geminiAdapter } from './adapter';
export { GEMINI_PRESET } from './preset';
export { buildGeminiBody, buildGeminiRequest, geminiModelPath } from './build-request';
export { mapGeminiFinishReason } from './map-finish-reason';
export { mapGeminiUsage } from './map-usage';
export { parseGeminiErrorBody } from './error-body';
