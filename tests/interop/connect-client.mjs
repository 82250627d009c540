// @connectrpc/connect-node as a client of our server, over its gRPC transport (HTTP/2) or its gRPC-Web
// transport (HTTP/1.1), with the service taken from a binary FileDescriptorSet (no code generation).
// Usage: node connect-client.mjs grpc|grpc-web BASE_URL DESCRIPTOR_SET
import { readFileSync } from "node:fs";
import { createClient, ConnectError } from "@connectrpc/connect";
import { createGrpcTransport, createGrpcWebTransport, compressionGzip } from "@connectrpc/connect-node";
import { createFileRegistry, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { runCases } from "./cases.mjs";
import { connectToken } from "./token.mjs";

const [protocol, baseUrl, descriptorSet] = process.argv.slice(2);
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(descriptorSet)));
const EchoService = registry.getService("crm.testing.v1.EchoService");
const common = { baseUrl, readMaxBytes: 64 * 1024 * 1024, writeMaxBytes: 64 * 1024 * 1024, interceptors: connectToken };
const make = (extra) => protocol === "grpc"
  ? createGrpcTransport({ ...common, httpVersion: "2", ...extra })
  : createGrpcWebTransport({ ...common, httpVersion: "1.1", ...extra });
const plain = createClient(EchoService, make({}));
const gzipped = createClient(EchoService, make({ sendCompression: compressionGzip, acceptCompression: [compressionGzip], compressMinBytes: 1 }));
const failure = (error) => {
  const e = ConnectError.from(error);
  return { code: e.code, message: e.rawMessage, trailer: e.metadata.get("x-failure-reason") };
};
const capture = async (fn) => { try { return await fn(); } catch (error) { return failure(error); } };

const client = {
  name: "connect-" + protocol,
  async unary() {
    let headers, trailers;
    const response = await plain.echo({ text: "hello" }, {
      headers: { "x-tenant": "acme", "x-token-bin": Buffer.from([9, 8, 7, 0, 255]).toString("base64") },
      onHeader: (h) => { headers = h; },
      onTrailer: (t) => { trailers = t; },
      timeoutMs: 20000,
    });
    return {
      text: response.text,
      header: headers.get("x-echo-header"),
      trailer: trailers.get("x-echo-trailer"),
      trailerBin: trailers.get("x-echo-trailer-bin"),
      echoedTenant: response.metadata["x-tenant"],
      echoedBin: response.metadata["x-token-bin"],
    };
  },
  stream: (count) => capture(async () => {
    const indexes = [];
    for await (const reply of plain.count({ count }, { timeoutMs: 20000 })) indexes.push(reply.index);
    return { indexes };
  }),
  status: (code, message) => capture(() => plain.fail({ code, message }, { timeoutMs: 20000 })),
  deadline: (ms) => capture(() => plain.wait({ key: "deadline-" + protocol }, { timeoutMs: ms })),
  gzip: (size) => capture(async () => ({ length: (await gzipped.echo({ payload: new Uint8Array(size).fill(97) }, { timeoutMs: 20000 })).payload.length })),
  sized: (size) => capture(async () => ({ length: (await plain.echo({ payload: new Uint8Array(size) }, { timeoutMs: 20000 })).payload.length })),
  cancel: async (key) => {
    const abort = new AbortController();
    // The first reply says the handler is running: only then is there something to cancel.
    const outcome = await capture(async () => {
      for await (const reply of plain.hold({ key }, { signal: abort.signal, timeoutMs: 20000 })) abort.abort();
      return { unexpected: "ended" };
    });
    return { key, ...outcome };
  },
  // A service in the descriptor set that the server does not serve.
  unimplemented: () => capture(() => createClient(registry.getService("crm.testing.v1.MissingService"), make({})).echo({}, { timeoutMs: 20000 })),
};

console.log(JSON.stringify(await runCases(client)));
