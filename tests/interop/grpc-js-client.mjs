// @grpc/grpc-js (the reference Node.js gRPC implementation) as a client of our server.
// Usage: node grpc-js-client.mjs HOST:PORT PROTO_FILE
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import { runCases } from "./cases.mjs";
import { grpcJsToken } from "./token.mjs";

const [address, protoFile] = process.argv.slice(2);
const definition = protoLoader.loadSync(protoFile, { keepCase: true, defaults: true });
const EchoService = grpc.loadPackageDefinition(definition).crm.testing.v1.EchoService;
const options = { "grpc.max_send_message_length": -1, "grpc.max_receive_message_length": -1, ...grpcJsToken };
const plain = new EchoService(address, grpc.credentials.createInsecure(), options);
const gzipped = new EchoService(address, grpc.credentials.createInsecure(), { ...options, "grpc.default_compression_algorithm": 2 });
const deadline = (ms) => ({ deadline: new Date(Date.now() + (ms ?? 20000)) });
const failure = (error) => ({ code: error.code, message: error.details });

function unaryCall(client, method, request, metadata, callOptions) {
  return new Promise((resolve) => {
    let headers = null;
    const call = client[method](request, metadata ?? new grpc.Metadata(), callOptions ?? deadline(), (error, response) => {
      call.on("status", (status) => resolve({ error, response, headers, trailers: status.metadata }));
    });
    call.on("metadata", (md) => { headers = md; });
  });
}

const client = {
  name: "grpc-js",
  async unary() {
    const metadata = new grpc.Metadata();
    metadata.add("x-tenant", "acme");
    metadata.add("x-token-bin", Buffer.from([9, 8, 7, 0, 255]));
    const { error, response, headers, trailers } = await unaryCall(plain, "Echo", { text: "hello" }, metadata);
    if (error) return failure(error);
    return {
      text: response.text,
      header: headers.get("x-echo-header")[0],
      trailer: trailers.get("x-echo-trailer")[0],
      trailerBin: Buffer.from(trailers.get("x-echo-trailer-bin")[0]).toString("base64"),
      echoedTenant: response.metadata["x-tenant"],
      echoedBin: response.metadata["x-token-bin"],
    };
  },
  stream(count) {
    return new Promise((resolve) => {
      const indexes = [];
      const call = plain.Count({ count }, deadline());
      call.on("data", (reply) => indexes.push(reply.index));
      call.on("error", (error) => resolve(failure(error)));
      call.on("end", () => resolve({ indexes }));
    });
  },
  async status(code, message) {
    const { error } = await unaryCall(plain, "Fail", { code, message });
    return { ...failure(error), trailer: error.metadata.get("x-failure-reason")[0] };
  },
  async deadline(ms) {
    const { error } = await unaryCall(plain, "Wait", { key: "deadline-grpc-js" }, undefined, deadline(ms));
    return failure(error);
  },
  async gzip(size) {
    const { error, response } = await unaryCall(gzipped, "Echo", { payload: Buffer.alloc(size, 97) });
    return error ? failure(error) : { length: response.payload.length };
  },
  async sized(size) {
    const { error, response } = await unaryCall(plain, "Echo", { payload: Buffer.alloc(size) });
    return error ? failure(error) : { length: response.payload.length };
  },
  cancel(key) {
    return new Promise((resolve) => {
      const call = plain.Hold({ key }, deadline());
      // The first reply says the handler is running: only then is there something to cancel.
      call.on("data", () => call.cancel());
      call.on("error", (error) => resolve({ key, ...failure(error) }));
      call.on("end", () => resolve({ key, unexpected: "ended" }));
    });
  },
  unimplemented() {
    return new Promise((resolve) => {
      const generic = new grpc.Client(address, grpc.credentials.createInsecure(), grpcJsToken);
      generic.makeUnaryRequest("/crm.testing.v1.EchoService/NoSuchMethod", (x) => x, (x) => x, Buffer.alloc(0), deadline(),
        (error) => resolve(failure(error)));
    });
  },
};

const results = await runCases(client);
console.log(JSON.stringify(results));
plain.close();
gzipped.close();
