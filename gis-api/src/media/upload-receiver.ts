// Receives the one file of a multipart/form-data upload into a temp file: the type is decided from the
// first bytes before anything is written, and the kind's size limit cuts the upload off as soon as it is passed.
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { ACCEPTED, SNIFF_BYTES, sniff, type FormatInfo } from './formats.ts';
import { MediaRejected } from './media-errors.ts';
import type { ReceivedUpload } from './media.service.ts';

export interface ReceiveOptions {
  /** Where to write the received bytes. */
  tempPath(): Promise<string>;
  /** Largest accepted size for the detected kind. */
  limitFor(info: FormatInfo): number;
  /** Largest accepted size of any kind: busboy's own hard stop. */
  maxBytes: number;
  /** Removes a temp file. */
  discard(path: string): Promise<void>;
}

const FIELD = 'file';
const rejected = (status: 400 | 413 | 415, message: string) => new MediaRejected(status, message);

export function receiveUpload(req: IncomingMessage, options: ReceiveOptions): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 10, fieldSize: 1024, parts: 20, fileSize: options.maxBytes + 1 },
      });
    } catch {
      reject(rejected(400, `Send multipart/form-data with the file in a field named "${FIELD}"`));
      return;
    }
    let settled = false;
    let started = false;
    let parserClosed = false;
    let tempPath: string | undefined;
    let saved: ReceivedUpload | undefined;
    let file: Readable | undefined;
    let receiving: Promise<void> | undefined;

    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Ends a pipeline still waiting for bytes that will now never come, and answers only once the temp
      // file is gone: nothing of a refused upload outlives the response.
      file?.destroy();
      void (async () => {
        await receiving?.catch(() => {});
        if (tempPath) await options.discard(tempPath);
        reject(err);
      })();
    };
    const receive = async (stream: Readable) => {
      const gate = new SniffingGate(options.limitFor);
      const path = await options.tempPath();
      tempPath = path;
      if (settled) return;
      try {
        await pipeline(stream, gate, fs.createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } finally {
        // Failed elsewhere meanwhile (a second file, an aborted request): the file may have been created late.
        if (settled) await options.discard(path);
      }
      saved = { path, info: gate.info!, bytes: gate.bytes };
      finish();
    };
    const finish = () => {
      if (settled || !parserClosed) return;
      if (!started) return fail(rejected(400, `No file: send it in a multipart field named "${FIELD}"`));
      if (!saved) return;
      settled = true;
      resolve(saved);
    };

    parser.on('file', (name: string, stream: Readable) => {
      if (name !== FIELD || started) {
        stream.resume();
        fail(
          rejected(
            400,
            started ? 'Send one file per request' : `Unexpected file field "${name}"; use "${FIELD}"`,
          ),
        );
        return;
      }
      started = true;
      file = stream;
      receiving = receive(stream);
      receiving.catch(fail);
    });
    parser.on('filesLimit', () => fail(rejected(400, 'Send one file per request')));
    parser.on('partsLimit', () => fail(rejected(400, 'Too many parts in the form')));
    parser.on('fieldsLimit', () => fail(rejected(400, 'Too many fields in the form')));
    parser.on('error', () => fail(rejected(400, 'The multipart/form-data body is malformed')));
    parser.on('close', () => {
      parserClosed = true;
      finish();
    });
    req.on('aborted', () => fail(rejected(400, 'The upload was interrupted')));
    req.on('error', () => fail(rejected(400, 'The upload was interrupted')));
    req.pipe(parser);
  });
}

/** Passes bytes through once the head says what the file is, and fails as soon as its kind's limit is passed. */
class SniffingGate extends Transform {
  info: FormatInfo | undefined;
  bytes = 0;
  #head: Buffer[] = [];
  #limit = Infinity;

  constructor(private readonly limitFor: (info: FormatInfo) => number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.info) {
      done(this.bytes > this.#limit ? this.tooLarge() : null, chunk);
      return;
    }
    this.#head.push(chunk);
    if (this.bytes < SNIFF_BYTES) return done();
    this.release(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.bytes === 0) return done(rejected(400, 'The file is empty'));
    if (this.info) return done();
    this.release(done);
  }

  private release(done: TransformCallback): void {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    const sniffed = sniff(head);
    if (!sniffed.ok) {
      const advice = sniffed.advice ? `: ${sniffed.advice}` : '';
      done(rejected(415, `Unsupported file: detected ${sniffed.detected}${advice}. Accepted: ${ACCEPTED}`));
      return;
    }
    this.info = sniffed.info;
    this.#limit = this.limitFor(sniffed.info);
    done(this.bytes > this.#limit ? this.tooLarge() : null, head);
  }

  private tooLarge(): MediaRejected {
    const { kind } = this.info!;
    return rejected(413, `The ${kind} is larger than ${formatBytes(this.#limit)}, the limit for a ${kind}`);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
