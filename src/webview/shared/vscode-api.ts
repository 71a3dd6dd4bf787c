// The webview's side of messaging: acquireVsCodeApi once, validated endpoint, persisted UI state.
import { MessageEndpoint, toHostMessages, toWebviewMessages, type ToHostMessages, type ToWebviewMessages } from '../../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

/** The VS Code API object; acquireVsCodeApi may be called only once per webview. */
function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

/** The webview's endpoint: it receives host→webview messages and sends webview→host ones. */
type WebviewEndpoint = MessageEndpoint<ToWebviewMessages, ToHostMessages>;

/** Connects the validated endpoint to window messages. Dropped messages are reported to the host log. */
export function connectToHost(): WebviewEndpoint {
  const vs = vscodeApi();
  let endpoint: WebviewEndpoint | undefined;
  const log = (reason: string) => {
    console.warn(`[switchboard] ${reason}`);
    // The reason names only the message type and schema path, never content.
    endpoint?.post('webviewLog', { level: 'warn', message: reason.slice(0, 2000) });
  };
  endpoint = new MessageEndpoint({ incoming: toWebviewMessages, outgoing: toHostMessages, send: (m) => vs.postMessage(m), log });
  window.addEventListener('message', (e: MessageEvent) => endpoint!.receive(e.data));
  return endpoint;
}

/** UI state kept across the webview being hidden and shown. Never holds keys or message content beyond a draft. */
interface PersistedUiState {
  draft?: string;
  pickerGroup?: 'provider' | 'model';
}

/** Reads the persisted UI state. */
export function loadUiState(): PersistedUiState {
  const s = vscodeApi().getState();
  return s && typeof s === 'object' ? (s as PersistedUiState) : {};
}

/** Merges into the persisted UI state. */
export function saveUiState(patch: PersistedUiState): void {
  vscodeApi().setState({ ...loadUiState(), ...patch });
}
