"""python3-grpcio (gRPC's C-core, from Debian) as a client of our server, with messages built from a binary
FileDescriptorSet (no code generation). Prints what it observed as JSON.

Usage: /usr/bin/python3 grpcio-client.py HOST:PORT DESCRIPTOR_SET
"""
import base64
import json
import os
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

address, descriptor_set = sys.argv[1], sys.argv[2]
files = descriptor_pb2.FileDescriptorSet.FromString(open(descriptor_set, "rb").read())
pool = descriptor_pool.DescriptorPool()
for file in files.file:
    pool.Add(file)


def message(name):
    descriptor = pool.FindMessageTypeByName("crm.testing.v1." + name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


EchoRequest, EchoReply, CountRequest, FailRequest, WaitRequest = (
    message(n) for n in ("EchoRequest", "EchoReply", "CountRequest", "FailRequest", "WaitRequest"))
LIMIT = 4 * 1024 * 1024
UNICODE_MESSAGE = "credit hold: no new orders \u2014 \u00fcberf\u00e4llig 100%"


class _Token(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Every call carries the access token the test hands over in CRM_TOKEN, as every caller of the platform must."""

    def _with_token(self, details):
        token = os.environ.get("CRM_TOKEN")
        metadata = list(details.metadata or [])
        if token and not any(k == "authorization" for k, _ in metadata):
            metadata.append(("authorization", "Bearer " + token))
        return details._replace(metadata=metadata) if hasattr(details, "_replace") else _Details(details, metadata)

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._with_token(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._with_token(details), request)


class _Details(grpc.ClientCallDetails):
    def __init__(self, details, metadata):
        self.method, self.timeout, self.credentials = details.method, details.timeout, details.credentials
        self.wait_for_ready, self.compression = getattr(details, "wait_for_ready", None), getattr(details, "compression", None)
        self.metadata = metadata


channel = grpc.intercept_channel(
    grpc.insecure_channel(address, options=[("grpc.max_send_message_length", -1), ("grpc.max_receive_message_length", -1)]),
    _Token())


def method(name, request, reply=EchoReply, stream=False, path=None):
    factory = channel.unary_stream if stream else channel.unary_unary
    return factory(path or "/crm.testing.v1.EchoService/" + name,
                   request_serializer=request.SerializeToString, response_deserializer=reply.FromString)


def failure(error):
    trailers = dict(error.trailing_metadata() or ())
    return {"code": error.code().value[0], "message": error.details(), "trailer": trailers.get("x-failure-reason")}


def attempt(fn):
    try:
        return fn()
    except grpc.RpcError as error:
        return failure(error)
    except Exception as error:  # reported to the C# test, which fails on it
        return {"error": repr(error)}


def unary():
    echo = method("Echo", EchoRequest)
    reply, call = echo.with_call(EchoRequest(text="hello"), timeout=20,
                                 metadata=(("x-tenant", "acme"), ("x-token-bin", bytes([9, 8, 7, 0, 255]))))
    headers, trailers = dict(call.initial_metadata()), dict(call.trailing_metadata())
    return {"text": reply.text, "header": headers["x-echo-header"], "trailer": trailers["x-echo-trailer"],
            "trailerBin": base64.b64encode(trailers["x-echo-trailer-bin"]).decode(),
            "echoedTenant": reply.metadata["x-tenant"], "echoedBin": reply.metadata["x-token-bin"]}


def stream(count):
    return {"indexes": [r.index for r in method("Count", CountRequest, stream=True)(CountRequest(count=count), timeout=20)]}


def status(code, text):
    method("Fail", FailRequest)(FailRequest(code=code, message=text), timeout=20)
    return {"unexpected": "ok"}


def sized(size, compression=None):
    reply = method("Echo", EchoRequest)(EchoRequest(payload=bytes(size)), timeout=20, compression=compression)
    return {"length": len(reply.payload)}


def cancel(key):
    replies = method("Hold", WaitRequest, stream=True)(WaitRequest(key=key), timeout=20)
    next(replies)  # the first reply says the handler is running: only then is there something to cancel
    replies.cancel()
    try:
        next(replies)
    except grpc.RpcError as error:
        return {"key": key, **failure(error)}
    return {"key": key, "unexpected": "ended"}


results = {
    "unary": attempt(unary),
    "stream": attempt(lambda: stream(20)),
    "status": attempt(lambda: status(9, UNICODE_MESSAGE)),
    "notFound": attempt(lambda: status(5, "lead 42 does not exist")),
    "deadline": attempt(lambda: method("Wait", WaitRequest)(WaitRequest(key="deadline-grpcio"), timeout=0.3)),
    "gzip": attempt(lambda: sized(100000, grpc.Compression.Gzip)),
    "underLimit": attempt(lambda: sized(LIMIT - 1024)),
    "overLimit": attempt(lambda: sized(LIMIT + 1)),
    "cancel": attempt(lambda: cancel("cancel-grpcio-%d" % os.getpid())),
    "unimplemented": attempt(lambda: method("Echo", EchoRequest, path="/crm.testing.v1.MissingService/Echo")(EchoRequest(), timeout=20)),
}
print(json.dumps(results))
channel.close()
