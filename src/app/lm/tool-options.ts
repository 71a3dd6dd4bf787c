// The caller's tools (`options.tools`, `options.toolMode`) → the core request's tool fields.
// Validated with zod: the caller is another extension, so a malformed tool is refused here with a
// message naming it, rather than sent upstream to fail there.
import { z } from 'zod';
import type { ToolChoice, ToolDefinition } from '../../core/types';

/** VS Code's LanguageModelChatToolMode values. */
export const LM_TOOL_MODE = { auto: 1, required: 2 } as const;

// Names as every family accepts them (OpenAI's rule is the strictest: 1–64 of [A-Za-z0-9_-]).
const toolSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 letters, digits, "_", "-" or "."'),
  description: z.string().max(100_000).optional(),
  inputSchema: z.record(z.string(), z.unknown()).optional(),
});

/** The request's tool fields; empty when the caller gave no tools. */
interface MappedTools {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
}

/** The mapped fields, or why a tool the caller gave cannot be sent (naming it). */
type ToolOptionsResult = { ok: true; value: MappedTools } | { ok: false; message: string };

/** Maps the caller's tools and mode; a malformed tool or a repeated name is refused. */
export function toolOptions(tools: readonly unknown[] | undefined, toolMode: unknown): ToolOptionsResult {
  if (!tools?.length) return { ok: true, value: {} };
  const defs: ToolDefinition[] = [];
  for (const [i, raw] of tools.entries()) {
    const r = toolSchema.safeParse(raw);
    if (!r.success) return { ok: false, message: `Tool ${i + 1} cannot be sent: ${describe(r.error)}.` };
    if (defs.some((d) => d.name === r.data.name)) return { ok: false, message: `Tool "${r.data.name}" is given twice.` };
    defs.push(toDefinition(r.data));
  }
  return { ok: true, value: { tools: defs, toolChoice: choiceOf(toolMode, defs) } };
}

function toDefinition(t: z.infer<typeof toolSchema>): ToolDefinition {
  // A tool without a schema takes no input; every family wants an object schema all the same.
  const parameters = t.inputSchema ?? { type: 'object', properties: {} };
  return t.description ? { name: t.name, description: t.description, parameters } : { name: t.name, parameters };
}

/** Required with one tool names it, as VS Code's own providers do; with several, any one must be called. */
function choiceOf(toolMode: unknown, defs: readonly ToolDefinition[]): ToolChoice {
  if (toolMode !== LM_TOOL_MODE.required) return 'auto';
  return defs.length === 1 ? { type: 'tool', name: defs[0].name } : 'required';
}

function describe(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || 'the tool'} ${i.message}`).join('; ');
}
