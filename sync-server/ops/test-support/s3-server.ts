// A real S3-compatible server for backup tests: s3rver on a free loopback port, its files under `dir`, with
// one bucket, and the target that reaches it with s3rver's documented default credentials.
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Target } from '../backup/s3';

export async function startS3Server(dir: string): Promise<{ server: S3rver; target: S3Target }> {
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: join(dir, 's3'),
    configureBuckets: [{ name: 'tend-backups', configs: [] }],
  });
  const address = (await server.run()) as AddressInfo;
  const target: S3Target = {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: 'tend-backups',
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    prefix: 'tend/',
  };
  return { server, target };
}
