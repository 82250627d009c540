using Crm.Grpc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Grpc.Tests.Standard;

/// <summary>Health reports reach the gRPC health service one at a time, in the order their runs hand them over.</summary>
public sealed class OneAtATimeHealthPublisherTests
{
    [Fact]
    public async Task A_second_report_waits_until_the_first_is_published()
    {
        var inner = new HeldPublisher();
        using var publisher = new OneAtATimeHealthPublisher(inner);
        var first = publisher.PublishAsync(Report(HealthStatus.Healthy), TestContext.Current.CancellationToken);
        var second = publisher.PublishAsync(Report(HealthStatus.Unhealthy), TestContext.Current.CancellationToken);

        // Without the turn, the inner publisher is entered at once by both calls.
        Assert.Equal([HealthStatus.Healthy], inner.Entered);
        Assert.False(second.IsCompleted);

        inner.Release.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal([HealthStatus.Healthy, HealthStatus.Unhealthy], inner.Entered);
    }

    [Fact]
    public void The_grpc_health_service_is_published_to_one_report_at_a_time()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddGrpcServer(validateTokens: false);
        using var services = builder.Services.BuildServiceProvider();

        var publisher = Assert.IsType<OneAtATimeHealthPublisher>(Assert.Single(services.GetServices<IHealthCheckPublisher>()));
        Assert.Equal("Grpc.AspNetCore.HealthChecks", publisher.Inner.GetType().Namespace);
    }

    private static HealthReport Report(HealthStatus status) =>
        new(new Dictionary<string, HealthReportEntry>(StringComparer.Ordinal) { ["switch"] = new(status, null, TimeSpan.Zero, null, null) }, TimeSpan.Zero);

    /// <summary>Records each report it is handed, and holds every publish until released.</summary>
    private sealed class HeldPublisher : IHealthCheckPublisher
    {
        public List<HealthStatus> Entered { get; } = [];

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
        {
            lock (Entered)
            {
                Entered.Add(report.Status);
            }

            return Release.Task;
        }
    }
}
