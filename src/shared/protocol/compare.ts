// Messages of the compare view: one prompt to 2–4 models, streamed side by side.
import * as z from 'zod/mini';
import { count, list, nonNegative, opt, str } from './schema-kit';
import { defineMessages } from './define';
import { usageSchema } from './chat-model';
import { isOpenableLink } from './link-policy';

const model = str(300, 1);
const lane = z.int().check(z.gte(0), z.lte(3));
const models = z.array(model).check(z.minLength(2), z.maxLength(4));

/** How one column ended: who served it, what it cost, how fast it was. */
export const laneResultSchema = z.object({
  servedBy: opt(str(400)),
  fallbacks: count(),
  costUsd: opt(z.number()),
  costStatus: opt(z.enum(['exact', 'provider_reported', 'estimated', 'unpriced', 'free'])),
  ttftMs: opt(nonNegative()),
  tokensPerSec: opt(nonNegative()),
  inputTokens: count(),
  outputTokens: count(),
  /** The full usage when known, so "Continue in chat" keeps cache and reasoning tokens instead of zeros. */
  usage: opt(usageSchema),
  /** The provider sent no usage (e.g. the column was stopped); tokens were counted locally. */
  usageEstimated: opt(z.boolean()),
  /** A readable, redacted error, when the lane failed (partial text may still be there). */
  error: opt(str(2000)),
  cancelled: opt(z.boolean()),
});

/** @see laneResultSchema */
export type LaneResult = z.output<typeof laneResultSchema>;

/** Webview → host. */
export const compareToHost = defineMessages({
  'compare.ready': { request: z.object({}) },
  'compare.run': { request: z.object({ prompt: str(1_000_000, 1), models }) },
  'compare.stop': { request: z.object({}) },
  /** "Use this answer": insert at the cursor of the last active editor, or continue in the chat. */
  'compare.useAnswer': { request: z.object({ lane, target: z.enum(['insert', 'chat']) }) },
  'compare.copy': { request: z.object({ lane }) },
  /** A click on a link in an answer. Refused here unless http(s); the host checks again before opening. */
  'compare.openLink': { request: z.object({ href: str(8000).check(z.refine(isOpenableLink)) }) },
});

/** Host → webview. */
export const compareToWebview = defineMessages({
  /** Initial form: suggested models, the prompt (e.g. a selection) and the models to choose from. */
  'compare.init': {
    request: z.object({
      prompt: str(1_000_000),
      models: list(model, 4),
      modelOptions: list(z.object({ id: model, label: str(300), detail: opt(str(300)) }), 2000),
    }),
  },
  'compare.start': { request: z.object({ models }) },
  'compare.delta': { request: z.object({ lane, text: str(1_000_000) }) },
  /** First token arrived (or the serving host is known). */
  'compare.laneMeta': { request: z.object({ lane, servedBy: opt(str(400)), ttftMs: opt(nonNegative()) }) },
  'compare.laneDone': { request: z.object({ lane, result: laneResultSchema }) },
  'compare.allDone': { request: z.object({}) },
  /** The host could not start (e.g. the core failed to load); shown in the form, which becomes usable again. */
  'compare.error': { request: z.object({ message: str(2000) }) },
});
