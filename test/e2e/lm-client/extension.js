// Test-only second extension: a language-model consumer written the way Cline's, Roo's and Kilo's
// "VS Code LM API" providers are (selectChatModels by vendor, sendRequest, read `response.stream`).
// The extension-host tests drive it through its commands, so every call crosses the extension
// boundary exactly as a third-party extension's would.
'use strict';
const vscode = require('vscode');

const VENDOR = 'switchboard';

async function pick(id, vendor = VENDOR) {
  const models = await vscode.lm.selectChatModels({ vendor, id });
  if (models.length === 0) throw new Error(`no ${vendor} model with id ${id}`);
  return models[0];
}

/** Every Switchboard model as a caller sees it. */
async function models() {
  const list = await vscode.lm.selectChatModels({ vendor: VENDOR });
  return list.map((m) => ({
    id: m.id,
    name: m.name,
    vendor: m.vendor,
    family: m.family,
    version: m.version,
    maxInputTokens: m.maxInputTokens,
    capabilities: m.capabilities,
  }));
}

/**
 * Sends one user message and reads the stream. `cancelAfterParts` cancels the token after that
 * many text parts; timings are taken here, on the caller's side of the API.
 */
async function send(id, prompt, opts = {}) {
  const model = await pick(id, opts.vendor);
  const cts = new vscode.CancellationTokenSource();
  const parts = [];
  const started = performance.now();
  let firstPartMs;
  try {
    const response = await model.sendRequest(
      [vscode.LanguageModelChatMessage.User(prompt)],
      { justification: 'Switchboard e2e', modelOptions: opts.modelOptions },
      cts.token,
    );
    for await (const part of response.stream) {
      if (part instanceof vscode.LanguageModelTextPart) {
        if (firstPartMs === undefined) firstPartMs = performance.now() - started;
        parts.push(part.value);
        if (opts.cancelAfterParts && parts.length >= opts.cancelAfterParts) cts.cancel();
      }
    }
    return { parts, text: parts.join(''), firstPartMs, totalMs: performance.now() - started };
  } catch (e) {
    return {
      parts,
      text: parts.join(''),
      firstPartMs,
      totalMs: performance.now() - started,
      error: { name: e && e.name, code: e && e.code, message: String((e && e.message) || e) },
    };
  } finally {
    cts.dispose();
  }
}

/** Reads a response: text parts and tool-call parts, in order. */
async function readParts(response) {
  const texts = [];
  const calls = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) texts.push(part.value);
    else if (part instanceof vscode.LanguageModelToolCallPart) calls.push({ callId: part.callId, name: part.name, input: part.input });
  }
  return { text: texts.join(''), calls };
}

/**
 * One agent-style tool loop: sends the prompt with one tool; when the model calls it, answers
 * each call with `result` as a LanguageModelToolResultPart and sends the conversation back.
 */
async function toolLoop(id, prompt, opts) {
  const model = await pick(id);
  const tools = [opts.tool];
  const cts = new vscode.CancellationTokenSource();
  const first = { text: '', calls: [] };
  try {
    const history = [vscode.LanguageModelChatMessage.User(prompt)];
    const request = {
      justification: 'Switchboard e2e',
      tools,
      toolMode: opts.required ? vscode.LanguageModelChatToolMode.Required : vscode.LanguageModelChatToolMode.Auto,
    };
    Object.assign(first, await readParts(await model.sendRequest(history, request, cts.token)));
    if (first.calls.length === 0) return { first };
    history.push(
      vscode.LanguageModelChatMessage.Assistant(first.calls.map((c) => new vscode.LanguageModelToolCallPart(c.callId, c.name, c.input))),
    );
    history.push(
      vscode.LanguageModelChatMessage.User(
        first.calls.map((c) => new vscode.LanguageModelToolResultPart(c.callId, [new vscode.LanguageModelTextPart(opts.result)])),
      ),
    );
    const second = await readParts(await model.sendRequest(history, request, cts.token));
    return { first, second };
  } catch (e) {
    return { first, error: { name: e && e.name, code: e && e.code, message: String((e && e.message) || e) } };
  } finally {
    cts.dispose();
  }
}

async function countTokens(id, text) {
  return (await pick(id)).countTokens(text);
}

/** A provider that answers at once: the API's own floor for time to first part, for the bench. */
const echoProvider = {
  provideLanguageModelChatInformation: () => [
    { id: 'echo', name: 'Echo', family: 'echo', version: '1', maxInputTokens: 1000, maxOutputTokens: 1000, capabilities: {} },
  ],
  async provideLanguageModelChatResponse(_model, _messages, _options, progress) {
    progress.report(new vscode.LanguageModelTextPart('echo'));
  },
  provideTokenCount: async (_model, text) => String(text).length,
};

/**
 * The least a provider over a real host must do, for the bench: fetch the same simulator, split SSE
 * lines, JSON.parse each, report each delta and return at the end. VS Code holds a provider's parts
 * until 30 ms after the last one or until its call settles, so the caller's first part waits for the
 * stream's end here too: this provider's figure is the floor Switchboard's is compared with.
 */
const direct = { baseUrl: undefined, lastTtftMs: undefined };
const directProvider = {
  provideLanguageModelChatInformation: () => [
    { id: 'direct', name: 'Direct', family: 'direct', version: '1', maxInputTokens: 100000, maxOutputTokens: 1000, capabilities: {} },
  ],
  async provideLanguageModelChatResponse(_model, _messages, _options, progress, token) {
    if (!direct.baseUrl) throw new Error('switchboardLmClient.direct: no simulator URL set');
    direct.lastTtftMs = undefined;
    const ctrl = new AbortController();
    const sub = token.onCancellationRequested(() => ctrl.abort());
    const started = performance.now();
    try {
      const res = await fetch(`${direct.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sim/text', stream: true, messages: [{ role: 'user', content: 'bench' }] }),
        signal: ctrl.signal,
      });
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of res.body) {
        buf += decoder.decode(chunk, { stream: true });
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
          const line = buf.slice(0, i).trim();
          buf = buf.slice(i + 1);
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') return;
          const text = JSON.parse(data).choices?.[0]?.delta?.content;
          if (!text) continue;
          if (direct.lastTtftMs === undefined) direct.lastTtftMs = performance.now() - started;
          progress.report(new vscode.LanguageModelTextPart(text));
        }
      }
    } finally {
      sub.dispose();
    }
  },
  provideTokenCount: async (_model, text) => String(text).length,
};

function activate(context) {
  context.subscriptions.push(
    vscode.lm.registerLanguageModelChatProvider('switchboard-e2e-echo', echoProvider),
    vscode.lm.registerLanguageModelChatProvider('switchboard-e2e-direct', directProvider),
    vscode.commands.registerCommand('switchboardLmClient.direct', (baseUrl) => {
      if (baseUrl !== undefined) direct.baseUrl = baseUrl;
      return direct.lastTtftMs;
    }),
    vscode.commands.registerCommand('switchboardLmClient.models', models),
    vscode.commands.registerCommand('switchboardLmClient.send', send),
    vscode.commands.registerCommand('switchboardLmClient.countTokens', countTokens),
    vscode.commands.registerCommand('switchboardLmClient.toolLoop', toolLoop),
  );
}

module.exports = { activate, deactivate() {} };
