// A long conversation for the webview benches: answers of about 2,000 tokens each with prose,
// lists and code blocks, made deterministically so every run renders the same text. Tokens are
// counted, and deltas cut, with the same tokenizer the extension uses for its estimates.
import { decode, encode } from 'gpt-tokenizer';

/** Tokens per answer the issue asks for. */
export const ANSWER_TOKENS = 2000;

const WORDS =
  'the router keeps a healthy host first and falls back when a provider answers slowly or with an error so every request reaches a model that can serve it at the lowest price the ledger has seen today'.split(
    ' ',
  );

function prose(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const w = WORDS[(seed * 7 + i * 13) % WORDS.length];
    out.push(i % 17 === 5 ? `**${w}**` : i % 23 === 11 ? `\`${w}_${seed % 97}\`` : w);
  }
  return `${out.join(' ')}, as [the guide](https://example.com/${seed}) explains.`;
}

function code(seed: number): string {
  const lang = ['ts', 'python', 'rust', 'go'][seed % 4];
  const lines: string[] = [];
  for (let i = 0; i < 12; i++)
    lines.push(
      lang === 'python'
        ? `    total_${i} = compute(items[${(seed + i) % 50}], limit=${seed * 3 + i})  # step ${i}`
        : `  const total${i} = compute(items[${(seed + i) % 50}], { limit: ${seed * 3 + i} }); // step ${i}`,
    );
  const head = lang === 'python' ? `def handler_${seed}(items):` : `function handler${seed}(items) {`;
  const tail = lang === 'python' ? '    return total_0' : '  return total0;\n}';
  return `\`\`\`${lang}\n${head}\n${lines.join('\n')}\n${tail}\n\`\`\``;
}

/** The markdown of answer `n`, just over ANSWER_TOKENS tokens long. */
export function answerText(n: number): string {
  const parts: string[] = [];
  for (let s = 0; encode(parts.join('\n\n')).length < ANSWER_TOKENS; s++) {
    const seed = n * 31 + s;
    parts.push(
      `## Part ${s + 1}`,
      prose(seed, 60),
      `- ${prose(seed + 1, 8)}\n- ${prose(seed + 2, 8)}\n- ${prose(seed + 3, 8)}`,
      code(seed),
    );
  }
  return parts.join('\n\n');
}

/** The answer cut into one delta per token, as a streaming API delivers it. */
export function tokenDeltas(text: string): string[] {
  return encode(text).map((t) => decode([t]));
}

/** A finished conversation of `turns` question and answer pairs. */
export function longConversation(turns: number): object[] {
  const messages: object[] = [];
  for (let i = 0; i < turns; i++) {
    messages.push({ id: `u${i}`, role: 'user', text: `Question ${i}: how does step ${i} work?`, createdAt: 1 + i });
    messages.push({
      id: `a${i}`,
      role: 'assistant',
      text: answerText(i),
      createdAt: 1 + i,
      model: 'm',
      meta: { finishReason: 'stop' },
    });
  }
  return messages;
}
