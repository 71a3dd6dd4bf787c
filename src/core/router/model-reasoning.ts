// The reasoning control per model: the catalog's facts about a model refine its provider's
// capability data. A model that cannot reason gets no reasoning field and a warning; a model
// with its own control style (a Gemini thinking level) gets that style.
import type { Endpoint } from '../catalog/types';
import type { ProviderDescriptor } from '../providers/descriptor';
import type { ReasoningControl, Warning } from '../types';
import type { PlannedEndpoint } from './route-plan';

/** The provider takes the reasoning control at all (its adapter warns otherwise). */
function providerReasons(d: ProviderDescriptor): boolean {
  return d.capabilities.reasoningControl !== undefined || d.capabilities.reasoning;
}

/** This host of this model can reason; a model the catalog knows nothing about follows its provider. */
export function endpointReasons(e: Endpoint, d: ProviderDescriptor): boolean {
  return providerReasons(d) && (e.capabilities.unknown === true || e.capabilities.reasoning);
}

/** What one attempt sends for the reasoning control, and the descriptor its adapter sees. */
interface AttemptReasoning {
  planned: PlannedEndpoint;
  reasoning?: ReasoningControl;
  warnings: Warning[];
}

/** The reasoning control as this endpoint takes it. */
export function reasoningAt(c: PlannedEndpoint, reasoning: ReasoningControl | undefined): AttemptReasoning {
  if (!reasoning) return { planned: c, warnings: [] };
  const { endpoint: e, descriptor: d } = c;
  // A provider without any reasoning control is its adapter's to warn about, as it always was.
  if (providerReasons(d) && !endpointReasons(e, d)) {
    const message = `${e.modelId} on ${d.displayName} does not reason; the reasoning setting was ignored.`;
    return { planned: c, warnings: [{ parameter: 'reasoning', message }] };
  }
  const style = e.capabilities.reasoningControl;
  if (!style || style === d.capabilities.reasoningControl) return { planned: c, reasoning, warnings: [] };
  const descriptor = { ...d, capabilities: { ...d.capabilities, reasoningControl: style } };
  return { planned: { ...c, descriptor }, reasoning, warnings: [] };
}
