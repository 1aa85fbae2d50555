// Starts an express app with a router mounted at /tiles on 127.0.0.1:0 and returns its URL.
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface TestServer {
  /** e.g. http://127.0.0.1:41234/tiles */
  url: string;
  close(): Promise<void>;
}

export async function serveTiles(router: express.Router): Promise<TestServer> {
  const app = express();
  app.use('/tiles', router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tiles`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
