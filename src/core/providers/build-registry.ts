// Turns presets plus the user's provider overrides and custom endpoints into the registry.
// Every front end (editor, headless gateway) builds its providers here, from plain data.
import { anthropicAdapter, ANTHROPIC_PRESET } from './anthropic';
import type { ProtocolAdapter, ProtocolFamily, ProviderDescriptor } from './descriptor';
import { geminiAdapter, GEMINI_PRESET } from './gemini';
import { openaiAdapter } from './openai/adapter';
import { customOpenAIProvider, OPENAI_COMPATIBLE_PRESETS } from './openai/presets';
import { ProviderRegistry, type ProviderOverride } from './registry';
import { responsesAdapter } from './responses/adapter';

/** One custom endpoint (the `switchboard.customProviders` setting). */
interface CustomProviderSpec {
  id: string;
  displayName: string;
  family: ProtocolFamily;
  baseUrl: string;
  keyRequired?: boolean;
}

/** What the registry is built from. */
interface RegistrySettings {
  providers: Record<string, ProviderOverride>;
  customProviders: readonly CustomProviderSpec[];
}

/** Every built-in provider, in the order the UI lists them. */
export function presetDescriptors(): ProviderDescriptor[] {
  return [OPENAI_COMPATIBLE_PRESETS[0], ANTHROPIC_PRESET, GEMINI_PRESET, ...OPENAI_COMPATIBLE_PRESETS.slice(1)];
}

/** The protocol adapters by family. */
const ADAPTERS: Readonly<Record<ProtocolFamily, ProtocolAdapter>> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  responses: responsesAdapter,
};

/** A descriptor for one `switchboard.customProviders` entry: its family's reference behaviour at the user's URL. */
export function customDescriptor(c: CustomProviderSpec): ProviderDescriptor {
  const keyRequired = c.keyRequired ?? true;
  if (c.family === 'openai') return customOpenAIProvider({ id: c.id, displayName: c.displayName, baseUrl: c.baseUrl, keyRequired });
  // A Responses endpoint is an OpenAI-style host (Bearer key, `/models`) on the other wire.
  if (c.family === 'responses')
    return { ...customOpenAIProvider({ id: c.id, displayName: c.displayName, baseUrl: c.baseUrl, keyRequired }), family: 'responses' };
  const base = c.family === 'anthropic' ? ANTHROPIC_PRESET : GEMINI_PRESET;
  // The preset's env variable and key URL belong to the vendor, not to the user's endpoint.
  return {
    ...base,
    id: c.id,
    displayName: c.displayName,
    baseUrl: c.baseUrl,
    keyRequired,
    envKey: undefined,
    keyUrl: undefined,
    auth: keyRequired ? base.auth : { kind: 'none' },
  };
}

/** The registry for the current settings. */
export function buildRegistry(settings: RegistrySettings): ProviderRegistry {
  return new ProviderRegistry(presetDescriptors(), ADAPTERS).withOverrides(
    settings.providers,
    settings.customProviders.map(customDescriptor),
  );
}
