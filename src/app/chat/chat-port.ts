// The narrow view of the core the chat needs. The composition root implements it over the real
// router, catalog, pricing and health; tests implement it over a scripted fake router.
import type { Charge, Endpoint } from '../../core/catalog/types';
import type { Logger } from '../../core/platform';
import type { BrokenAnswer } from '../../core/router/continuation';
import type { RoutedRequest, RouterEvent } from '../../core/router/types';
import type { ChatMessage, Usage } from '../../core/types';
import type { ChatPreferences, PickerModel } from '../../shared/protocol';

/** Input of {@link ChatPort.estimate}: what was asked and what came back before the stream ended. */
interface EstimateInput {
  /** The model the user asked for. */
  model: string;
  /** The endpoint that produced the output, when the router said. */
  endpoint?: Endpoint;
  messages: ChatMessage[];
  outputText: string;
}

/** What the chat needs from the core. */
export interface ChatPort {
  /** Routes one request; the stream ends with route-report and finish, and never throws for provider failures. */
  /** `origin` labels the log line: the engine's origin, optionally with a detail after a colon (`selection:explain`). */
  route(req: RoutedRequest, origin?: string): AsyncIterable<RouterEvent>;
  /** Routes `req` (the conversation before the broken answer) so the engine continues that answer; the engine picks the host. */
  continueElsewhere(req: RoutedRequest, broken: BrokenAnswer, origin?: string): AsyncIterable<RouterEvent>;
  /** Whether some endpoint of `model` is left once `ignore` is excluded, under the conversation's preferences (the router's own plan). */
  hasRouteWithout(model: string, ignore: readonly string[], preferences?: ChatPreferences): Promise<boolean>;
  /** Every model the picker can offer, with hosts, prices, context and live health. */
  pickerModels(): Promise<PickerModel[]>;
  /** Enabled providers, for the routing preferences form. */
  providers(): { id: string; name: string }[];
  /** The model a new conversation starts with (setting `switchboard.defaultModel`). */
  defaultModel(): string | undefined;
  /**
   * Usage and charge of an answer the router could not price itself, e.g. stopped before the
   * provider sent usage. Tokens are counted locally, so the charge is `estimated` (or `unpriced`).
   */
  estimate(input: EstimateInput): { usage: Usage; charge: Charge } | undefined;
  /** Removes every known key from text that will be shown or stored. */
  redact(text: string): string;
  /** Diagnostics; never given prompts, outputs or keys. */
  logger: Logger;
}
