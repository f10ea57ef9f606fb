import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, codeForStatus, type FieldProblem, problem } from './errors.js';

/** Sends an RFC 9457 problem body with the request's path and id. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldProblem[],
) {
  const body = {
    ...problem(code, status, detail, errors),
    instance: request.url.split('?')[0],
    requestId: request.id,
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

/** Turns an issue path (`/items/0/qty` or ['items', 0]) into a dotted field path. */
function fieldPath(prefix: string, path: string): string {
  const parts = path.split('/').filter(Boolean);
  return [prefix, ...parts].filter(Boolean).join('.');
}

/**
 * One error vocabulary for the whole app: domain errors, validation errors, framework errors and
 * unknown failures all leave as RFC 9457 problem bodies; internals never leave the server.
 */
export function registerProblemHandlers(
  app: FastifyInstance,
  {
    pageFallback,
  }: { pageFallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined } = {},
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, error.status, error.code, error.message, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? '';
      const prefix = context === 'querystring' ? 'query' : context === 'params' ? 'path' : context;
      const errors = error.validation.map((issue) => ({
        path: fieldPath(prefix, issue.instancePath),
        message: issue.message ?? 'Invalid value',
      }));
      return sendProblem(request, reply, 400, 'VALIDATION_FAILED', 'The request has invalid fields', errors);
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(
        request,
        reply,
        500,
        'INTERNAL',
        'Something went wrong on our side; the error was logged',
      );
    }
    // Errors Fastify and its plugins raise before a handler runs (bad JSON, body too large, 429 …).
    const detail =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError'
        ? 'The request body is not valid JSON'
        : error.message;
    return sendProblem(request, reply, status, codeForStatus(status), detail);
  });

  app.setNotFoundHandler(
    (request, reply) =>
      pageFallback?.(request, reply) ??
      sendProblem(
        request,
        reply,
        404,
        'NOT_FOUND',
        `No route ${request.method} ${request.url.split('?')[0]}`,
      ),
  );
}

/** Errors raised by the router itself (malformed URL, path parameter too long), before any hook. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  return sendProblem(request, reply, status, codeForStatus(status), error.message);
}

/** Garbage on the socket (not HTTP, headers too large): answer with a minimal problem and close. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify(
    problem(status === 431 ? 'BAD_REQUEST' : 'BAD_REQUEST', status, 'Malformed HTTP request'),
  );
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
