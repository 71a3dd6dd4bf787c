// Turns presets plus `switchboard.providers` / `switchboard.customProviders` into the registry.
// Pure (no vscode import) so the override rules are unit-tested.
import { anthropicAdapter, ANTHROPIC_PRESET } from '../../core/providers/anthropic';
import type { ProtocolAdapter, ProtocolFamily, ProviderDescriptor } from '../../core/providers/descriptor';
import { geminiAdapter, GEMINI_PRESET } from '../../core/providers/gemini';
import { openaiAdapter } from '../../core/providers/openai/adapter';
import { customOpenAIProvider, OPENAI_COMPATIBLE_PRESETS } from '../../core/providers/openai/presets';
import { ProviderRegistry } from '../../core/providers/registry';
import type { Settings } from './schema';

/** Every built-in provider, in the order the UI lists them. */
export function presetDescriptors(): ProviderDescriptor[] {
  return [OPENAI_COMPATIBLE_PRESETS[0], ANTHROPIC_PRESET, GEMINI_PRESET, ...OPENAI_COMPATIBLE_PRESETS.slice(1)];
}

/** The protocol adapters by family. */
export const ADAPTERS: Readonly<Record<ProtocolFamily, ProtocolAdapter>> = { openai: openaiAdapter, anthropic: anthropicAdapter, gemini: geminiAdapter };

/** A descriptor for one `switchboard.customProviders` entry: its family's reference behaviour at the user's URL. */
export function customDescriptor(c: Settings['customProviders'][number]): ProviderDescriptor {
  const keyRequired = c.keyRequired ?? true;
  if (c.family === 'openai') return customOpenAIProvider({ id: c.id, displayName: c.displayName, baseUrl: c.baseUrl, keyRequired });
  const base = c.family === 'anthropic' ? ANTHROPIC_PRESET : GEMINI_PRESET;
  // The preset's env variable and key URL belong to the vendor, not to the user's endpoint.
  return { ...base, id: c.id, displayName: c.displayName, baseUrl: c.baseUrl, keyRequired, envKey: undefined, keyUrl: undefined, auth: keyRequired ? base.auth : { kind: 'none' } };
}

/** The registry for the current settings. */
export function buildRegistry(settings: Pick<Settings, 'providers' | 'customProviders'>): ProviderRegistry {
  return new ProviderRegistry(presetDescriptors(), ADAPTERS).withOverrides(settings.providers, settings.customProviders.map(customDescriptor));
}
