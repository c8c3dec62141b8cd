import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// An S3-compatible server in this process (s3rver), for testing the S3 media store offline. What it does
// not check: SigV4 signatures (only the access key id), checksums, and bucket policies (every object is
// readable anonymously, originals included).

/** The only access key s3rver knows. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** What this file uses of s3rver, which ships no types of its own. */
interface S3rverOptions {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: { name: string }[];
}
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: S3rverOptions) => S3rverInstance;

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

export interface S3Server {
  /** `http://127.0.0.1:<port>`: the endpoint a path-style client talks to. */
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the bucket's objects. */
  directory: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** Starts s3rver on a free port of 127.0.0.1 with one empty bucket, its objects in a folder of its own. */
export async function startS3Server(bucket = 'allure-media'): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'allure-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  try {
    const { address, port } = await server.run();
    return {
      endpoint: `http://${address}:${port}`,
      bucket,
      directory,
      async stop() {
        await server.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
