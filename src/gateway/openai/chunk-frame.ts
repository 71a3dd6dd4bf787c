// The SSE frame of one `chat.completion.chunk`. Every chunk of a stream shares its id, created
// time and model, so that part of the JSON is written once per stream and each frame only
// serialises its delta: the bytes are those of JSON.stringify on the whole chunk.

/** Frames the chunks of one stream: `frame(delta, finish)` is `data: {chunk}\n\n`. */
export function chunkFramer(
  id: string,
  created: number,
  model: string,
  includeUsage: boolean,
): (delta: Record<string, unknown>, finish?: string | null) => string {
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${JSON.stringify(created)},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":`;
  const end = `}]${includeUsage ? ',"usage":null' : ''}}\n\n`;
  const open = `,"logprobs":null,"finish_reason":null${end}`;
  return (delta, finish = null) =>
    `${head}${JSON.stringify(delta)}${finish === null ? open : `,"logprobs":null,"finish_reason":${JSON.stringify(finish)}${end}`}`;
}
