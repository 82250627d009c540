using Crm.Testing;
using System.Collections.Concurrent;
using System.Text.Json;
using Crm.Grpc.Tests.V1;
using CrmPlatform.LocalServers;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Crm.Grpc.Tests.Interop;

/// <summary>Runs the independent clients and servers in <c>tests/interop</c> (npm) and Debian's python3-grpcio.</summary>
internal static class InteropTools
{
    public static string Folder => Path.Combine(RepositoryLayout.Find().Root, "tests", "interop");

    public static string ProtoFile => Path.Combine(RepositoryLayout.Find().Root, "tests", "Crm.Grpc.Tests", "Protos", "echo.proto");

    /// <summary>The test service's descriptors, plus a <c>MissingService</c> with the same methods that no server
    /// serves, for clients that take their types from a descriptor set instead of generated code.</summary>
    public static string WriteDescriptorSet()
    {
        var echo = FileDescriptorProto.Parser.ParseFrom(EchoReflection.Descriptor.SerializedData);
        var missingService = echo.Service[0].Clone();
        missingService.Name = "MissingService";
        var missing = new FileDescriptorProto
        {
            Name = "missing.proto",
            Package = echo.Package,
            Syntax = echo.Syntax,
            Dependency = { echo.Name },
            Service = { missingService },
        };
        var set = new FileDescriptorSet { File = { echo, missing } };
        // One file per caller: each test deletes its own when done, while tests of other classes still read theirs.
        var path = Path.Combine(Path.GetTempPath(), $"crm-echo-{Guid.NewGuid():N}.binpb");
        File.WriteAllBytes(path, set.ToByteArray());
        return path;
    }

    /// <summary>The variables that hand a client script the token its calls carry.</summary>
    public static IReadOnlyDictionary<string, string?> TokenEnvironment() =>
        new Dictionary<string, string?>(StringComparer.Ordinal) { ["CRM_TOKEN"] = TestIssuer.Default.TokenFor(TestCalls.DefaultUser) };

    /// <summary>Runs a client script and returns the JSON document it printed.</summary>
    public static async Task<JsonElement> RunClientAsync(string program, params string[] arguments)
    {
        var lines = new ConcurrentQueue<string>();
        await using var process = ChildProcess.Start(new ChildProcessSpec("interop", program, arguments, WorkingDirectory: Folder, Environment: TokenEnvironment()), lines.Enqueue);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        var json = lines.LastOrDefault(l => l.StartsWith('{'));
        Assert.True(process.ExitCode == 0 && json is not null, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        return JsonDocument.Parse(json!).RootElement.Clone();
    }
}
