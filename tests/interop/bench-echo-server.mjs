// The @grpc/grpc-js baseline of the gRPC benchmark: the same unary echo, served by the reference Node.js
// implementation. Prints "LISTENING <port>"; on SIGTERM prints "SERVED <calls>" and exits.
// Usage: node bench-echo-server.mjs PROTO_FILE
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";

const definition = protoLoader.loadSync(process.argv[2], { keepCase: true, longs: String, defaults: true });
const BenchService = grpc.loadPackageDefinition(definition).crm.bench.v1.BenchService;
let served = 0;
const server = new grpc.Server();
server.addService(BenchService.service, {
  Echo(call, callback) {
    served++;
    callback(null, { text: call.request.text, number: call.request.number });
  },
});
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) { console.error(error); process.exit(1); }
  console.log("LISTENING " + port);
});
process.on("SIGTERM", () => { console.log("SERVED " + served); server.forceShutdown(); process.exit(0); });
