// VS Code language-model messages → core ChatMessages, with parts shaped as the API's classes are.
import * as assert from 'node:assert/strict';
import { LM_ROLE, toChatMessages } from '../../../../src/app/lm/message-map';

const text = (value: string) => ({ value });
const call = (callId: string, name: string, input: unknown) => ({ callId, name, input });
const result = (callId: string, content: unknown[]) => ({ callId, content });
const data = (mimeType: string, bytes: number[] | string) => ({
  mimeType,
  data: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes),
});

describe('toChatMessages', () => {
  it('maps roles and joins text parts', () => {
    const out = toChatMessages(
      [
        { role: LM_ROLE.system, content: [text('Be brief.')] },
        { role: LM_ROLE.user, content: [text('Hello, '), text('world')] },
        { role: LM_ROLE.assistant, content: [text('Hi.')] },
      ],
      { tools: false },
    );
    assert.deepEqual(out, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello, world' },
      { role: 'assistant', content: 'Hi.' },
    ]);
  });

  it('turns image data parts into base64 images and text-like data into text; drops other data', () => {
    const out = toChatMessages(
      [
        {
          role: LM_ROLE.user,
          content: [
            text('What is this?'),
            data('image/png', [1, 2, 3]),
            data('cache_control', 'ephemeral'),
            data('text/plain', ' (a chart)'),
          ],
        },
      ],
      { tools: false },
    );
    assert.deepEqual(out[0].content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image', mediaType: 'image/png', data: Buffer.from([1, 2, 3]).toString('base64') },
      { type: 'text', text: ' (a chart)' },
    ]);
  });

  it('with tools on, carries tool calls and results as structured fields', () => {
    const out = toChatMessages(
      [
        { role: LM_ROLE.assistant, content: [text('Let me look.'), call('c1', 'readFile', { path: 'a.ts' })] },
        { role: LM_ROLE.user, content: [result('c1', [text('export const a = 1;')])] },
      ],
      { tools: true },
    );
    assert.deepEqual(out, [
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me look.' },
          { type: 'tool-call', id: 'c1', name: 'readFile', args: { path: 'a.ts' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', content: 'export const a = 1;' }] },
    ]);
  });

  it('with tools on, keeps the images of a tool result (a screenshot tool) in order with its text', () => {
    const out = toChatMessages([{ role: LM_ROLE.user, content: [result('c2', [text('Screen: '), data('image/png', [9, 9])])] }], {
      tools: true,
    });
    assert.deepEqual(out, [
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c2',
            content: [
              { type: 'text', text: 'Screen: ' },
              { type: 'image', mediaType: 'image/png', data: Buffer.from([9, 9]).toString('base64') },
            ],
          },
        ],
      },
    ]);
  });

  it('with tools off, keeps tool calls and results readable as text so the history still makes sense', () => {
    const out = toChatMessages(
      [
        { role: LM_ROLE.assistant, content: [call('c1', 'readFile', { path: 'a.ts' })] },
        { role: LM_ROLE.user, content: [result('c1', [text('export const a = 1;')]), text('Now explain it.')] },
      ],
      { tools: false },
    );
    assert.equal(out.length, 2);
    assert.equal(out[0].role, 'assistant');
    assert.match(out[0].content as string, /readFile.*"path":"a\.ts"/);
    assert.ok(typeof out[0].content === 'string', 'no tool-call parts when tools are off');
    assert.equal(out[1].role, 'user');
    assert.match(out[1].content as string, /c1[\s\S]*export const a = 1;[\s\S]*Now explain it\./);
  });

  it('drops messages left empty and ignores unknown parts', () => {
    const out = toChatMessages(
      [
        { role: LM_ROLE.user, content: [data('cache_control', 'x'), 42, null] },
        { role: LM_ROLE.user, content: ['plain string'] },
      ],
      { tools: false },
    );
    assert.deepEqual(out, [{ role: 'user', content: 'plain string' }]);
  });
});
