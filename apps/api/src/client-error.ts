import type { Socket } from "node:net";
import { PROBLEMS, problemType } from "./problem.js";

/**
 * Node's own refusals — a request line or headers it cannot parse (400), headers too large (431) — answered
 * as application/problem+json like every other error, written raw on the socket (no request reached the app).
 * For the server's 'clientError' event.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    type: problemType(tooLarge ? "headers-too-large" : "invalid-request"),
    title: tooLarge ? PROBLEMS["headers-too-large"].title : PROBLEMS["invalid-request"].title,
    status,
    detail: tooLarge ? "the request's headers are too large" : "the request is not valid HTTP",
    instance: "",
    requestId: crypto.randomUUID(),
  });
  const reason = tooLarge ? "Request Header Fields Too Large" : "Bad Request";
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
