using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Contracts.Support;
using Crm.Grpc.Security;
using Crm.Testing;
using Grpc.Core;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Tests;

/// <summary>Activity and call reports, fed by the interactions sales and support log.</summary>
public sealed class ActivityReportTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly Guid Customer = Guid.Parse("ac7e0000-0000-4000-8000-000000000001");

    private ForecastsService _service = null!;

    public async ValueTask InitializeAsync() => _service = await ForecastsService.StartAsync(servers, nameof(ActivityReportTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Interactions_count_by_rep_team_period_kind_outcome_and_department_each_caller_seeing_their_reach()
    {
        var call = Logged("ian", "north", ActivityKind.Call, ActivityOutcome.Connected, Department.InsideSales, Day(3, 2));
        await _service.PublishAsync(
            call,
            call with { EventId = Guid.NewGuid() },
            Logged("ian", "north", ActivityKind.Call, ActivityOutcome.Connected, Department.InsideSales, Day(3, 9)),
            Logged("ian", "north", ActivityKind.Call, ActivityOutcome.NoAnswer, Department.InsideSales, Day(3, 9)),
            Logged("ian", "north", ActivityKind.EmailOut, ActivityOutcome.Sent, Department.InsideSales, Day(4, 1)),
            Logged("otto", "north", ActivityKind.Meeting, ActivityOutcome.Held, Department.OutsideSales, Day(3, 20)),
            Logged("otto", "north", ActivityKind.DocumentSent, null, Department.OutsideSales, Day(3, 21)),
            Logged("sven", "south", ActivityKind.Call, ActivityOutcome.Connected, Department.OutsideSales, Day(3, 3)),
            Logged("ian", "north", ActivityKind.Call, ActivityOutcome.Connected, Department.InsideSales, Day(5, 1)),
            new InteractionLogged(Guid.NewGuid(), At(Day(3, 5)), Customer, Guid.NewGuid(), 1, Guid.NewGuid(), InteractionChannel.Phone, "Called about the outage", "tess", Department.TechnicalSupport, ActivityOutcome.Connected));

        // By whoever logged it, month by month: the call published twice counts once; May is outside the two months.
        var byRep = await ReportAsync(Wire.RollupGrouping.ByOwner, TestCalls.As("vera", Deadline, CrmRoles.SalesManager));
        Assert.Equal(
            [
                ("ian", 0, "CALL", Shared.ActivityOutcome.Connected, Shared.Department.InsideSales, 2),
                ("ian", 0, "CALL", Shared.ActivityOutcome.NoAnswer, Shared.Department.InsideSales, 1),
                ("ian", 1, "EMAIL", Shared.ActivityOutcome.Sent, Shared.Department.InsideSales, 1),
                ("otto", 0, "MEETING", Shared.ActivityOutcome.Held, Shared.Department.OutsideSales, 1),
                ("otto", 0, "LETTER", Shared.ActivityOutcome.Unspecified, Shared.Department.OutsideSales, 1),
                ("sven", 0, "CALL", Shared.ActivityOutcome.Connected, Shared.Department.OutsideSales, 1),
                ("tess", 0, "CALL", Shared.ActivityOutcome.Connected, Shared.Department.TechnicalSupport, 1),
            ],
            byRep.Cells.Select(Cell));

        // North's manager, by team: north's interactions only.
        var north = await ReportAsync(Wire.RollupGrouping.ByTeam, TestCalls.InTeam("north", "nina", Deadline, CrmRoles.SalesManager));
        Assert.Equal(["north"], north.Cells.Select(c => c.Group).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal((5, 6), (north.Cells.Count, north.Cells.Sum(c => c.Count)));

        // A rep of the south team sees their own call and nothing of north's or support's.
        var sven = await ReportAsync(Wire.RollupGrouping.AllInReach, TestCalls.InTeam("south", "sven", Deadline, CrmRoles.OutsideSales));
        Assert.Equal([(string.Empty, 0, "CALL", Shared.ActivityOutcome.Connected, Shared.Department.OutsideSales, 1)], sven.Cells.Select(Cell));

        var status = await _service.StatusOfAsync((api, o) => api.GetActivityReportAsync(new Wire.GetActivityReportRequest { Period = Wire.PeriodKind.Month }, o));
        Assert.Equal((StatusCode.InvalidArgument, true), (status.StatusCode, status.Detail.StartsWith("group_by:", StringComparison.Ordinal)));
    }

    private static ActivityLogged Logged(string by, string team, ActivityKind kind, ActivityOutcome? outcome, Department department, DateOnly on) =>
        new(Guid.NewGuid(), At(on), Customer, Guid.NewGuid(), 1, null, kind, "Talked", At(on), by, department, outcome, team);

    private static DateOnly Day(int month, int day) => new(2027, month, day);

    private static DateTimeOffset At(DateOnly day) => new(day, new TimeOnly(10, 0), TimeSpan.Zero);

    private static (string, int, string, Shared.ActivityOutcome, Shared.Department, int) Cell(Wire.ActivityCell c) =>
        (c.Group, c.Period, c.Kind, c.Outcome, c.Department, c.Count);

    private Task<Wire.ActivityReport> ReportAsync(Wire.RollupGrouping groupBy, CallOptions caller) =>
        _service.Api.GetActivityReportAsync(
            new Wire.GetActivityReportRequest { GroupBy = groupBy, Period = Wire.PeriodKind.Month, From = DateConversions.ToDate(Day(3, 1)), Periods = 2 }, caller).ResponseAsync;
}
