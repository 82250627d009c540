// A @grpc/grpc-js server of the test service, for our client to call: prints "LISTENING <port>" when ready.
// Usage: node grpc-js-server.mjs PROTO_FILE
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";

const [protoFile] = process.argv.slice(2);
const definition = protoLoader.loadSync(protoFile, { keepCase: true, defaults: true });
const EchoService = grpc.loadPackageDefinition(definition).crm.testing.v1.EchoService;
let served = 0;
const waiting = new Set();

const server = new grpc.Server({ "grpc.max_receive_message_length": 4 * 1024 * 1024 });
server.addService(EchoService.service, {
  Echo(call, callback) {
    served++;
    const metadata = {};
    for (const [key, values] of Object.entries(call.metadata.getMap())) {
      metadata[key] = Buffer.isBuffer(values) ? values.toString("base64") : String(values);
    }
    const headers = new grpc.Metadata();
    headers.set("x-echo-header", "header-value");
    call.sendMetadata(headers);
    const trailers = new grpc.Metadata();
    trailers.set("x-echo-trailer", "trailer-value");
    trailers.set("x-echo-trailer-bin", Buffer.from([0, 1, 2, 253, 254, 255]));
    callback(null, { text: call.request.text, payload: call.request.payload, metadata }, trailers);
  },
  Count(call) {
    for (let i = 0; i < call.request.count; i++) call.write({ index: i, text: "reply " + i });
    call.end();
  },
  Fail(call, callback) {
    const trailers = new grpc.Metadata();
    trailers.set("x-failure-reason", "asked-for");
    callback({ code: call.request.code, details: call.request.message, metadata: trailers });
  },
  Wait(call) {
    waiting.add(call);
    call.on("cancelled", () => waiting.delete(call));
  },
  Hold(call) {
    call.write({ text: "holding" });
  },
  Crash(call, callback) { callback({ code: grpc.status.INTERNAL, details: "crashed" }); },
  Collect(call, callback) {
    const texts = [];
    call.on("data", (r) => texts.push(r.text));
    call.on("end", () => callback(null, { text: texts.join(","), index: texts.length }));
  },
  Chat(call) {
    let index = 0;
    call.on("data", (r) => call.write({ text: r.text, index: index++ }));
    call.on("end", () => call.end());
  },
});

server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) { console.error(error); process.exit(1); }
  console.log("LISTENING " + port);
});
process.on("SIGTERM", () => { console.log("SERVED " + served); server.forceShutdown(); process.exit(0); });
