// Every call of the interop clients carries the access token the test hands over in CRM_TOKEN, as every caller of
// the platform must (the services answer UNAUTHENTICATED without one).
import grpc from "@grpc/grpc-js";

const token = process.env.CRM_TOKEN;

// For @grpc/grpc-js clients: pass as (part of) the client's options.
export const grpcJsToken = {
  interceptors: [(options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      if (token && metadata.get("authorization").length === 0) metadata.set("authorization", `Bearer ${token}`);
      next(metadata, listener);
    },
  })],
};

// For @connectrpc transports: pass as the transport's interceptors.
export const connectToken = [(next) => async (request) => {
  if (token && !request.header.has("authorization")) request.header.set("authorization", `Bearer ${token}`);
  return next(request);
}];
