// A settings file for the headless gateway: JSON with the same `switchboard.*` keys as VS Code's
// settings.json, validated by the same schema (bad values are reported and replaced by defaults).
import * as fs from 'node:fs';
import { presetDescriptors } from '../../core/providers/build-registry';
import { readSettings, type SettingsReadResult } from '../../core/settings/read-settings';
import type { SettingName } from '../../core/settings/schema';

/** Reads and validates the file; throws only when it is not a JSON object. */
export function readSettingsFile(file: string): SettingsReadResult {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${file} must hold a JSON object of "switchboard.*" keys.`);
  return settingsFromObject(raw as Record<string, unknown>);
}

/** Validates flat `switchboard.*` keys (as settings.json has them); a nested `{"switchboard": {…}}` is read too. */
export function settingsFromObject(raw: Record<string, unknown>): SettingsReadResult {
  const nested = raw.switchboard && typeof raw.switchboard === 'object' ? (raw.switchboard as Record<string, unknown>) : {};
  const get = (name: SettingName) => raw[`switchboard.${name}`] ?? nested[name];
  return readSettings({ get }, { builtInProviderIds: new Set(presetDescriptors().map((d) => d.id)) });
}
