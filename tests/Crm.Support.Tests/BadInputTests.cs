using Crm.Common.Grpc.V1;
using Grpc.Core;
using Crm.Support.Grpc.V1;
using Crm.Testing;

namespace Crm.Support.Tests;

/// <summary>Every RPC refuses bad input with a status naming the field, and a refused command writes nothing.</summary>
public sealed class BadInputTests(CrmTestServers servers) : IAsyncLifetime
{
    private SupportHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SupportHost.StartAsync(servers, nameof(BadInputTests));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Bad_input_names_the_field_and_writes_nothing()
    {
        var client = _host.Client;
        var customer = (await _host.KnownCustomerAsync()).ToString();
        var valid = new OpenCaseRequest { CustomerId = customer, Kind = CaseKind.Inquiry, Priority = 2, Subject = "Where is my order?" };
        var opened = await client.OpenCaseAsync(valid);
        var unknown = Guid.NewGuid().ToString();

        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { CustomerId = "" }), "customer_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { CustomerId = "ACME" }), "customer_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { Kind = CaseKind.Unspecified }), "kind");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { Priority = 0 }), "priority");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { Priority = 5 }), "priority");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { Subject = "  " }), "subject");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { Subject = new string('x', 201) }), "subject");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.GetCaseAsync("nope"), "case_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest { CaseId = opened.CaseId }), "status");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest { CaseId = opened.CaseId, Status = CaseStatus.Resolved }), "status");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest { Status = CaseStatus.InProgress }), "case_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.LogInteractionAsync(new LogInteractionRequest { CaseId = opened.CaseId, Summary = "Called" }), "channel");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.LogInteractionAsync(new LogInteractionRequest { CaseId = opened.CaseId, Channel = InteractionChannel.Phone }), "summary");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.LogInteractionAsync(new LogInteractionRequest { CaseId = opened.CaseId, Channel = InteractionChannel.Phone, Summary = "Called", Department = (Department)99 }), "department");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = opened.CaseId }), "resolution");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.GetCustomerCasesAsync(new GetCustomerCasesRequest { CustomerId = "" }), "customer_id");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.GetCustomerCasesAsync(new GetCustomerCasesRequest { CustomerId = customer, RecentDays = -1 }), "recent_days");

        await Refused.WithAsync(StatusCode.NotFound, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { CustomerId = unknown }), "customer_id");
        await Refused.WithAsync(StatusCode.NotFound, () => client.GetCaseAsync(unknown));
        await Refused.WithAsync(StatusCode.NotFound, () => client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest { CaseId = unknown, Status = CaseStatus.InProgress }));
        await Refused.WithAsync(StatusCode.NotFound, () => client.LogInteractionAsync(new LogInteractionRequest { CaseId = unknown, Channel = InteractionChannel.Chat, Summary = "Hi" }));
        await Refused.WithAsync(StatusCode.NotFound, () => client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = unknown, Resolution = "Done" }));

        Assert.Equal(opened, await client.GetCaseAsync(opened.CaseId));
        Assert.Equal(1, await _host.Service.CountAsync("SELECT 1 FROM cases"));
        Assert.Equal(0, await _host.Service.CountAsync("SELECT 1 FROM interactions"));
        Assert.Equal("CaseOpened", Assert.Single(await _host.Service.EventsAsync()).Type);
    }

    /// <summary>Regression: a description or summary of megabytes was accepted, and then reading the customer's cases
    /// exceeded the message limit (the customer view lost its support section). Every text has its limit now.</summary>
    [Fact]
    public async Task Text_beyond_its_limit_is_refused_naming_the_field()
    {
        var client = _host.Client;
        var valid = new OpenCaseRequest { CustomerId = (await _host.KnownCustomerAsync()).ToString(), Kind = CaseKind.Problem, Priority = 1, Subject = "Down" };
        var note = new string('n', 4001);
        var megabyte = new string('m', 1 << 20);

        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { Description = note }), "description");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.OpenCaseAsync(new OpenCaseRequest(valid) { Description = megabyte }), "description");
        var opened = await client.OpenCaseAsync(new OpenCaseRequest(valid) { Description = new string('d', 4000) });
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.LogInteractionAsync(new LogInteractionRequest { CaseId = opened.CaseId, Channel = InteractionChannel.Phone, Summary = megabyte }), "summary");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.UpdateCaseStatusAsync(new UpdateCaseStatusRequest { CaseId = opened.CaseId, Status = CaseStatus.Escalated, Note = note }), "note");
        await Refused.WithAsync(StatusCode.InvalidArgument, () => client.ResolveCaseAsync(new ResolveCaseRequest { CaseId = opened.CaseId, Resolution = note }), "resolution");

        Assert.Equal(4000, opened.Description.Length);
        Assert.Equal(opened, await client.GetCaseAsync(opened.CaseId));
    }
}
