// Hono's body limit, counted on the stream as well as Content-Length, answering 413 in the server's error shape.
import { bodyLimit } from 'hono/body-limit';
import { HttpError } from '../../errors';

export function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpError(413, 'payload_too_large', `Request body exceeds ${maxSize} bytes`, {
        maxBytes: maxSize,
      });
    },
  });
}
