using Crm.Grpc.Client;
using Crm.Grpc.Tests.V1;

namespace Crm.Grpc.Tests.Client;

/// <summary>Typed handles on the test service's methods, as a real caller declares them once.</summary>
internal static class EchoMethods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = EchoReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<EchoRequest, EchoReply> Echo = GrpcMethod.For<EchoRequest, EchoReply>(Service, "Echo");
    public static readonly GrpcMethod<CountRequest, EchoReply> Count = GrpcMethod.For<CountRequest, EchoReply>(Service, "Count");
    public static readonly GrpcMethod<FailRequest, EchoReply> Fail = GrpcMethod.For<FailRequest, EchoReply>(Service, "Fail");
    public static readonly GrpcMethod<WaitRequest, EchoReply> Wait = GrpcMethod.For<WaitRequest, EchoReply>(Service, "Wait");
    public static readonly GrpcMethod<EchoRequest, EchoReply> Crash = GrpcMethod.For<EchoRequest, EchoReply>(Service, "Crash");
}
