// A request the gateway refuses before routing, answered in the client's own error shape.

/** What the gateway says when it will not route a request. */
export class GatewayRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A machine-readable code for OpenAI's `error.code` (e.g. `unsupported_value`). */
    readonly code?: string,
    /** The request field at fault, for OpenAI's `error.param`. */
    readonly param?: string,
  ) {
    super(message);
  }
}
