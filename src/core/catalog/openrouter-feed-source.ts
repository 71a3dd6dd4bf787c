// Where OpenRouter's model and price feed is read from, per `switchboard.openrouterFeed`: nowhere
// when the user turned the provider off and named no feed, since the feed then routes nothing and
// a fetch would tell a third party the user runs Switchboard.
import type { ProviderDescriptor } from '../providers/descriptor';

/** The feed's API base URL, or undefined for no fetch. `openrouter` is the enabled provider, if it is. */
export function openrouterFeedBase(setting: string, openrouter: Pick<ProviderDescriptor, 'baseUrl'> | undefined): string | undefined {
  if (setting === 'off') return undefined;
  if (setting === 'auto') return openrouter?.baseUrl;
  return setting;
}
