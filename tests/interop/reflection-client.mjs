// Server reflection through @grpc/grpc-js, as grpcurl uses it: list the services, then fetch the file that declares
// a symbol and name what it holds. Usage: node reflection-client.mjs HOST:PORT DESCRIPTOR_SET SYMBOL [v1|v1alpha]
// DESCRIPTOR_SET is a binary FileDescriptorSet holding grpc/reflection/<version>/reflection.proto.
import fs from "node:fs";
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import { fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { grpcJsToken } from "./token.mjs";

const [address, descriptorSet, symbol, version = "v1"] = process.argv.slice(2);
const definition = protoLoader.loadFileDescriptorSetFromBuffer(fs.readFileSync(descriptorSet), { keepCase: true, defaults: true });
const ServerReflection = grpc.loadPackageDefinition(definition).grpc.reflection[version].ServerReflection;
const client = new ServerReflection(address, grpc.credentials.createInsecure(), grpcJsToken);
const call = client.ServerReflectionInfo();
const answers = [];
call.on("data", (response) => {
  answers.push(response);
  if (answers.length === 3) call.end();
});
call.on("end", () => {
  const [list, file, missing] = answers;
  const files = file.file_descriptor_response.file_descriptor_proto.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
  console.log(JSON.stringify({
    services: list.list_services_response.service.map((s) => s.name),
    files: files.map((f) => f.name),
    declares: files.flatMap((f) => [...f.service.map((s) => f.package + "." + s.name), ...f.messageType.map((m) => f.package + "." + m.name)]),
    missingError: missing.error_response.error_code,
  }));
  client.close();
});
call.on("error", (error) => { console.log(JSON.stringify({ error: String(error) })); process.exit(1); });
call.write({ list_services: "" });
call.write({ file_containing_symbol: symbol });
call.write({ file_containing_symbol: "crm.nothing.v1.Nowhere" });
